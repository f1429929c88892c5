/**
 * Random streams of the simulation. Every block has its own stream, seeded from (scenario seed, block
 * id) with seedrandom's Alea generator, so a block's residents and trips do not depend on which shard
 * or thread simulates it: results are byte-identical for any thread count.
 */
import seedrandom from 'seedrandom';

export type Rng = () => number;

/** The seed string of a block's stream. */
export function blockSeedKey(seed: number, blockId: string): string {
  return `${seed}:${blockId}`;
}

/** A uniform [0, 1) stream for one block. */
export function blockRng(seed: number, blockId: string): Rng {
  return seedrandom.alea(blockSeedKey(seed, blockId));
}
