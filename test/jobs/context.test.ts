/** The job context: one matrix, one set of today's nearest distances and one worker pool per job, the pool made only when needed and always destroyed. */
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { nearestOpen } from '../../src/coverage/static.ts';
import { JobContext, startJobPool, withJob } from '../../src/jobs/context.ts';
import { optimizeIn } from '../../src/jobs/optimize.ts';
import { expectedDemand } from '../../src/optimize/demand.ts';
import type { Pool } from '../../src/parallel/pool.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { computeDistanceMatrix } from '../../src/travel/travelMatrix.ts';
import { FIXTURES } from '../helpers/fixtures.ts';

const TINY = path.join(FIXTURES, 'scenarios', 'tiny');

describe('a job context', () => {
  it('computes the travel matrix and today\'s nearest distances once, the same as computed directly', async () => {
    const sc = await loadScenario(TINY);
    await withJob(sc, {}, async (ctx) => {
      const a = await ctx.travelMatrix();
      expect(await ctx.travelMatrix()).toBe(a);
      const nearest = await ctx.todayNearest();
      expect(await ctx.todayNearest()).toBe(nearest);
      expect(Array.from(nearest)).toEqual(Array.from(nearestOpen(sc, await computeDistanceMatrix(sc))));
    });
  });

  it('makes no pool on one thread until a stage needs a worker, and one on several threads', async () => {
    const sc = await loadScenario(TINY);
    await withJob(sc, { threads: 1 }, async (ctx) => {
      expect(ctx.parallelPool()).toBeUndefined();
      await ctx.travelMatrix();
      expect(ctx.hasPool).toBe(false);
      expect(ctx.pool()).toBe(ctx.pool());
      expect(ctx.hasPool).toBe(true);
    });
    await withJob(sc, { threads: 2 }, async (ctx) => {
      expect(ctx.parallelPool()).toBe(ctx.pool());
    });
  });

  it('destroys its pool when the job throws, and takes no more work after', async () => {
    const sc = await loadScenario(TINY);
    let pool: Pool | undefined;
    let ctx: JobContext | undefined;
    let destroy: ReturnType<typeof vi.spyOn> | undefined;
    const job = withJob(sc, { threads: 2 }, async (c) => {
      ctx = c;
      pool = c.pool();
      destroy = vi.spyOn(pool, 'destroy');
      throw new Error('the stage failed');
    });
    await expect(job).rejects.toThrow('the stage failed');
    expect(destroy).toHaveBeenCalledTimes(1);
    expect(pool!.threads.length).toBe(0);
    expect(() => ctx!.pool()).toThrow(/the job has ended/);
  });

  it('takes a pool started before the job as its own, and destroys it when the job ends', async () => {
    expect(startJobPool(1, ['simulate-pass'])).toBeUndefined();
    const early = startJobPool(3, ['simulate-pass'])!;
    // this thread is the third: two workers start at once, the pool may grow to three
    expect(early.threads.length).toBe(2);
    expect(early.options.maxThreads).toBe(3);
    const sc = await loadScenario(TINY);
    const destroy = vi.spyOn(early, 'destroy');
    await withJob(sc, { threads: 2, pool: early }, async (ctx) => {
      expect(ctx.hasPool).toBe(true);
      expect(ctx.parallelPool()).toBe(early);
      await ctx.travelMatrix();
    });
    expect(destroy).toHaveBeenCalledTimes(1);
    expect(early.threads.length).toBe(0);
  });

  it('gives the optimizer the pool on one thread only for a solver that runs HiGHS', async () => {
    const sc = await loadScenario(TINY);
    for (const [solver, needsPool] of [['greedy', false], ['exact', true]] as const) {
      await withJob(sc, { threads: 1 }, async (ctx) => {
        const o = await optimizeIn(ctx, expectedDemand(sc), { solver, timeLimit: 10 });
        expect(o.solver.status, solver).not.toBe('error');
        expect(ctx.hasPool, solver).toBe(needsPool);
      });
    }
  });
});
