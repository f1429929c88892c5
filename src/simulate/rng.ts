/**
 * Random streams of the simulation. Every block has its own stream, seeded from (scenario seed, block
 * id) with seedrandom's Alea generator, so a block's residents and trips do not depend on which shard
 * or thread simulates it: results are byte-identical for any thread count.
 */
import { createRequire } from 'node:module';

export type Rng = () => number;

// seedrandom's Alea alone (what `seedrandom.alea` is): the package's index also loads node:crypto for its
// auto-seeding, about 10 ms at the start of every worker thread.
const alea = createRequire(import.meta.url)('seedrandom/lib/alea.js') as (seed: string) => Rng;

/** The seed string of a block's stream. */
export function blockSeedKey(seed: number, blockId: string): string {
  return `${seed}:${blockId}`;
}

/** A uniform [0, 1) stream for one block. */
export function blockRng(seed: number, blockId: string): Rng {
  return alea(blockSeedKey(seed, blockId));
}
