/**
 * A pass of the simulation over shards of blocks, run by whoever is free: this thread and every worker
 * the pass is sent to claim its shards one at a time (src/parallel/claims.ts) and simulate each claimed
 * shard with the kernel (./shard.ts). A shard's result does not depend on who simulated it, so the
 * merged day (in shard order) is the same on any number of threads.
 */
import { claimAll } from '../parallel/claims.ts';
import { simulateShard } from './shard.ts';
import type { ClaimedShard, SimulatePassTask, SimulateShardTask } from './task.ts';
import { N_AGE_BANDS } from '../core/ageBands.ts';

/** Shard k of the pass as the kernel's input (views on the pass's block arrays; the ids copied). */
export function shardTask(pass: SimulatePassTask, k: number): SimulateShardTask {
  const b0 = pass.bounds[2 * k];
  const b1 = pass.bounds[2 * k + 1];
  const { blocks } = pass;
  return {
    ctx: pass.ctx,
    blockStart: b0,
    blockEnd: b1,
    firstResident: blocks.firstResident[b0],
    blockIds: blocks.ids.slice(b0, b1),
    population: blocks.population.subarray(b0, b1),
    ageShares: blocks.ageShares.subarray(b0 * N_AGE_BANDS, b1 * N_AGE_BANDS),
    prices: pass.prices,
    loadsOnly: pass.loadsOnly,
    keepResidents: pass.keepResidents,
    exportChoices: pass.exportChoices,
  };
}

/**
 * Simulate shards of the pass as long as any is left to claim; `shared` puts the results in shared
 * memory (a worker's, to answer without a copy). With `pause`, this thread lets its event loop run
 * after each shard (the pool's dispatches and replies go through).
 */
export function simulateClaimed(pass: SimulatePassTask, shared: boolean, pause = false): Promise<ClaimedShard[]> {
  return claimAll(pass.claims, pass.bounds.length / 2, (k) => simulateShard(shardTask(pass, k), shared), pause);
}
