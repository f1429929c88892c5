import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Pool } from '../../../src/parallel/pool.ts';
import { locate, type ClassicModel } from '../../../src/locate/locate.ts';
import type { SolverName } from '../../../src/locate/model/result.ts';
import { tinyInstance, type Tiny } from './bruteCapacitated.ts';

let pool: Pool;
beforeAll(() => {
  pool = createPool(1);
});
afterAll(async () => {
  await pool.destroy();
});

function* subsets(m: number): Generator<number[]> {
  for (let mask = 1; mask < 1 << m; mask++) {
    const s: number[] = [];
    for (let j = 0; j < m; j++) if (mask & (1 << j)) s.push(j);
    yield s;
  }
}

/** The optimum of a classic model by enumerating every selection (max for mclp, min otherwise). */
function brute(t: Tiny, model: ClassicModel): number {
  const { nClients: n, nSites: m, cost, weight } = t.cm;
  const coverable = (i: number) => Array.from({ length: m }, (_, j) => cost[i * m + j] <= t.radius).some(Boolean);
  let best = model === 'mclp' ? -Infinity : Infinity;
  for (const s of subsets(m)) {
    if (model !== 'lscp' && s.length !== t.p) continue;
    let v = 0;
    let ok = true;
    for (let i = 0; i < n; i++) {
      const d = Math.min(...s.map((j) => cost[i * m + j]));
      if (model === 'mclp') v += d <= t.radius ? weight[i] : 0;
      else if (model === 'lscp') ok &&= d <= t.radius || !coverable(i);
      else if (model === 'pmedian') v += weight[i] * d;
      else v = Math.max(v, d);
    }
    if (model === 'lscp') v = ok ? s.length : Infinity;
    if (model === 'mclp' ? v > best : v < best) best = v;
  }
  return best;
}

const MODELS: ClassicModel[] = ['mclp', 'lscp', 'pmedian', 'pcenter'];
const SEEDS = ['a', 'b', 'c'];

describe.each(MODELS)('%s on tiny random cost matrices', (model) => {
  it.each(SEEDS)('seed %s: the exact answer equals brute force, and every bound bounds it', async (seed) => {
    const t = tinyInstance(`classic:${model}:${seed}`, 8, 6);
    const opt = brute(t, model);
    for (const solver of ['exact', 'greedy'] as SolverName[]) {
      const r = await locate(model, t.cm, { radius: t.radius, p: t.p, solver, timeLimit: 20, seed: 1, pool } as Parameters<typeof locate>[2]);
      const where = `${solver}: ${r.status} ${r.objective} bound ${r.bound} (brute force ${opt}) ${r.notes.join(' | ')}`;
      if (r.sense === 'max') {
        expect(r.bound, where).toBeGreaterThanOrEqual(opt - 1e-6);
        expect(r.objective, where).toBeLessThanOrEqual(opt + 1e-6);
      } else {
        expect(r.bound, where).toBeLessThanOrEqual(opt + 1e-6);
        expect(r.objective, where).toBeGreaterThanOrEqual(opt - 1e-6);
      }
      if (r.status === 'optimal' || solver !== 'greedy') {
        expect(r.status, where).toBe('optimal');
        expect(r.objective, where).toBeCloseTo(opt, 6);
      }
    }
  });
});
