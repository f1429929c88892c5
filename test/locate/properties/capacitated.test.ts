import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Pool } from '../../../src/parallel/pool.ts';
import { capacitated } from '../../../src/locate/capacitated/solve.ts';
import { capacitatedInstance } from '../../../src/locate/capacitated/instance.ts';
import { evaluateSingle, evaluateSplit } from '../../../src/locate/capacitated/evaluate.ts';
import type { SolverName } from '../../../src/locate/model/result.ts';
import { bruteCapacitated, tinyInstance } from './bruteCapacitated.ts';

let pool: Pool;
beforeAll(() => {
  pool = createPool(1);
});
afterAll(async () => {
  await pool.destroy();
});

const CASES = [
  ['cmclp', false],
  ['cmclp', true],
  ['clscp', false],
  ['clscp', true],
  ['cpmedian', false],
  ['cpmedian', true],
] as const;
const SEEDS = ['a', 'b', 'c', 'd'];
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));

describe.each(CASES)('capacitated %s (single-sourced: %s) on tiny random instances', (model, single) => {
  it.each(SEEDS)('seed %s: the exact answer equals brute force, and every bound bounds it', async (seed) => {
    const t = tinyInstance(`${model}:${seed}`);
    const opt = await bruteCapacitated(t, model, single);
    const max = model === 'cmclp';
    for (const solver of ['exact', 'greedy'] as SolverName[]) {
      const r = await capacitated(model, t.cm, t.capacity, { radius: t.radius, p: t.p, solver, singleSource: single, timeLimit: 20, pool });
      const where = `${solver}: ${r.status} ${r.objective} bound ${r.bound} (brute force ${opt}) ${r.notes.join(' | ')}`;
      if (!Number.isFinite(opt)) {
        expect(r.status, where).not.toBe('optimal');
        if (solver === 'exact') expect(r.status, where).toBe('infeasible');
        continue;
      }
      if (max) expect(r.bound, where).toBeGreaterThanOrEqual(opt - 1e-6);
      else expect(r.bound, where).toBeLessThanOrEqual(opt + 1e-6);
      if (Number.isFinite(r.objective)) {
        if (max) expect(r.objective, where).toBeLessThanOrEqual(opt + 1e-6);
        else expect(r.objective, where).toBeGreaterThanOrEqual(opt - 1e-6);
        // the reported loads are those of a feasible assignment
        r.selected.forEach((j) => expect(r.siteLoad[j], where).toBeLessThanOrEqual(t.capacity[j] + 1e-6));
      }
      if (r.status === 'optimal') expect(close(r.objective, opt), where).toBe(true);
      if (solver === 'exact') expect(r.status, where).toBe('optimal');
    }
  });
});

describe('the capacitated evaluator', () => {
  it('serves split demand up to the capacities and refuses an assignment over one', () => {
    const cm = { nClients: 2, nSites: 2, cost: Float64Array.from([1, 1, 1, 9]), weight: Float64Array.from([5, 5]) };
    const inst = capacitatedInstance(cm, { model: 'cmclp', capacity: Float64Array.from([6, 3]), radius: 2, p: 2 });
    const split = evaluateSplit(inst, Uint8Array.from([1, 1]));
    expect(split.objective).toBe(9); // client 1 only reaches site 0: 5 + min(5, 1 + 3)
    expect(Array.from(split.load)).toEqual([6, 3]);
    const single = evaluateSingle(inst, Uint8Array.from([1, 1]), Int32Array.from([0, 2]));
    expect(single.feasible).toBe(false);
  });
});
