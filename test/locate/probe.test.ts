import { afterAll, describe, expect, it } from 'vitest';
import { probeCoverage } from '../../src/locate/solvers/highs/probe.ts';
import { createPool } from '../../src/parallel/pool.ts';
import { objectiveWeight, selectionToMask, violations } from '../../src/locate/model/evaluate.ts';
import type { CoverageInstance } from '../../src/locate/model/coverage.ts';
import { constraintShapes, randomCoverage } from './fixtures.ts';

const SHAPES = constraintShapes(50, 12);

/** Every feasible selection's value (pre-covered weight excluded, as in the LP), by option mask. */
function allValues(inst: CoverageInstance): Map<number, number> {
  const out = new Map<number, number>();
  for (let mask = 0; mask < 1 << inst.nOptions; mask++) {
    const sel: number[] = [];
    for (let k = 0; k < inst.nOptions; k++) if (mask & (1 << k)) sel.push(k);
    if (sel.length > inst.maxOpen) continue;
    const open = selectionToMask(inst.nOptions, sel);
    if (violations(inst, open).length === 0) out.set(mask, objectiveWeight(inst, open));
  }
  return out;
}

describe('LP probing', () => {
  const pool = createPool(2);
  afterAll(() => pool.destroy());
  let fixings = 0;

  describe.each(SHAPES)('on small random instances with %s', (_, shape) => {
    it.each(['a', 'b', 'c'])('seed %s: never fixes an option against a solution that reaches the threshold', async (seed) => {
      const inst = randomCoverage(`probe:${seed}:${JSON.stringify(shape)}`, shape);
      const values = allValues(inst);
      const opt = Math.max(...values.values());
      const threshold = opt - 0.5; // every optimal solution must survive
      const r = await probeCoverage(inst, { threshold, timeLimit: 20, pool });
      expect(r.complete).toBe(true);
      expect(r.excludesAll).toBe(false);
      expect(r.rootBound).toBeGreaterThanOrEqual(opt - 1e-6);
      expect(r.fixedBound).toBeGreaterThanOrEqual(opt - 1e-6);
      for (const [mask, v] of values) {
        if (v < threshold) continue;
        for (let k = 0; k < inst.nOptions; k++) {
          const open = (mask >> k) & 1;
          if (r.fixZero[k]) expect(open, `option ${k} closed, but selection ${mask.toString(2)} worth ${v} opens it`).toBe(0);
          if (r.fixOne[k]) expect(open, `option ${k} opened, but selection ${mask.toString(2)} worth ${v} leaves it closed`).toBe(1);
        }
      }
      fixings += r.fixedZero + r.fixedOne;
    });
  });

  it('fixes options at all on these instances (so the test above tests something)', () => {
    expect(fixings).toBeGreaterThan(20);
  });

  it('reports that nothing beats a threshold above the optimum, or leaves it to the MILP', async () => {
    const inst = randomCoverage('probe:above', { nUnits: 50, nOptions: 12, p: 3 });
    const opt = Math.max(...allValues(inst).values());
    const r = await probeCoverage(inst, { threshold: opt + 0.5, timeLimit: 20, pool });
    // Whatever it fixes, no solution reaches the threshold; it may say so itself.
    expect(r.rootBound).toBeGreaterThanOrEqual(opt - 1e-6);
    if (!r.excludesAll) expect(r.fixedBound).toBeGreaterThanOrEqual(opt + 0.5 - 1e-6);
  });

  it('gives the same fixings on one thread as on two', async () => {
    const inst = randomCoverage('probe:threads', { nUnits: 60, nOptions: 16, p: 4 });
    const opt = Math.max(...allValues(inst).values());
    const one = createPool(1);
    try {
      const a = await probeCoverage(inst, { threshold: opt + 0.5, timeLimit: 20, pool: one });
      const b = await probeCoverage(inst, { threshold: opt + 0.5, timeLimit: 20, pool });
      expect(Array.from(a.fixZero)).toEqual(Array.from(b.fixZero));
      expect(Array.from(a.fixOne)).toEqual(Array.from(b.fixOne));
      expect(a.fixedBound).toBe(b.fixedBound);
    } finally {
      await one.destroy();
    }
  });
});
