import { describe, expect, it } from 'vitest';
import { randomMclp } from '../../src/locate/instances/randomMclp.ts';
import { solveCoverage } from '../../src/locate/solvers/solveCoverage.ts';

describe('a time-limited solve of a big instance', () => {
  const inst = randomMclp({ n: 5000, m: 500, p: 20, seed: 1, geometry: 'torus' });

  it('returns status time-limit with a valid bound and an honest gap, never optimal (exact)', async () => {
    const r = await solveCoverage(inst, { solver: 'exact', timeLimit: 3 });
    expect(r.status).toBe('time-limit');
    expect(Number.isFinite(r.objective)).toBe(true);
    expect(r.bound).toBeGreaterThan(r.objective);
    expect(r.gap).toBeCloseTo((r.bound - r.objective) / r.bound, 12);
    expect(r.gap).toBeGreaterThan(0);
  });

  it('returns status time-limit with a certified gap under auto as well', async () => {
    const r = await solveCoverage(inst, { solver: 'auto', timeLimit: 4 });
    expect(r.status).toBe('time-limit');
    expect(r.bound).toBeGreaterThan(r.objective);
    expect(r.gap).toBeLessThan(0.1);
    expect(r.notes.some((n) => n.startsWith('lagrangian'))).toBe(true);
  });
});
