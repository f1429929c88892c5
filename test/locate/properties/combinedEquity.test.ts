import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { createPool, type Pool } from '../../../src/parallel/pool.ts';
import { buildCoverage, type CoverageInstance } from '../../../src/locate/model/coverage.ts';
import { coverageLp } from '../../../src/locate/model/lpFormat.ts';
import { reduceCoverage } from '../../../src/locate/model/reduce.ts';
import { solveCoverage } from '../../../src/locate/solvers/solveCoverage.ts';
import type { SolverName } from '../../../src/locate/model/result.ts';

let pool: Pool;
beforeAll(() => {
  pool = createPool(1);
});
afterAll(async () => {
  await pool.destroy();
});

interface Raw {
  weight: number[];
  cover: number[][];
  p: number;
  /** Two groupings of the units (like age bands and blocks) and a floor for each. */
  bands: number[];
  blocks: number[];
  bandFloor: number;
  blockFloor: number;
  pre: number[];
}

function randomRaw(seed: string): Raw {
  const rng = seedrandom.alea(seed);
  const n = 24;
  const m = 9;
  const cover = Array.from({ length: n }, () => Array.from({ length: m }, (_, k) => k).filter(() => rng() < 0.25));
  return {
    weight: Array.from({ length: n }, () => 1 + Math.floor(rng() * 50)),
    cover,
    p: 3,
    bands: Array.from({ length: n }, (_, u) => u % 3),
    blocks: Array.from({ length: n }, (_, u) => Math.floor(u / 6)),
    bandFloor: 0.4 + 0.25 * rng(),
    blockFloor: 0.25 + 0.35 * rng(),
    pre: Array.from({ length: n }, () => (rng() < 0.1 ? 1 : 0)),
  };
}

function instance(r: Raw): CoverageInstance {
  const start = [0];
  const idx: number[] = [];
  for (const row of r.cover) {
    idx.push(...row);
    start.push(idx.length);
  }
  return buildCoverage({
    nUnits: r.weight.length,
    nOptions: 9,
    weight: Float64Array.from(r.weight),
    coverStart: Int32Array.from(start),
    coverOptions: Int32Array.from(idx),
    maxOpen: r.p,
    unitGroup: Int32Array.from(r.bands),
    equityShare: new Float64Array(3).fill(r.bandFloor),
    equityGroupings: [{ unitGroup: Int32Array.from(r.blocks), equityShare: new Float64Array(4).fill(r.blockFloor), name: 'block' }],
    preCovered: Uint8Array.from(r.pre),
  });
}

/** Brute force on the raw data (no code of src/): every selection of at most p options, both floors checked. */
function brute(r: Raw): number {
  let best = -Infinity;
  for (let mask = 0; mask < 1 << 9; mask++) {
    let count = 0;
    for (let k = 0; k < 9; k++) if (mask & (1 << k)) count++;
    if (count > r.p) continue;
    const covered = r.cover.map((row, u) => r.pre[u] === 1 || row.some((k) => (mask & (1 << k)) !== 0));
    const ok = (groups: number[], floor: number) => {
      const tot = new Map<number, number>();
      const cov = new Map<number, number>();
      groups.forEach((h, u) => {
        tot.set(h, (tot.get(h) ?? 0) + r.weight[u]);
        if (covered[u]) cov.set(h, (cov.get(h) ?? 0) + r.weight[u]);
      });
      return [...tot].every(([h, t]) => (cov.get(h) ?? 0) >= floor * t - 1e-9);
    };
    if (!ok(r.bands, r.bandFloor) || !ok(r.blocks, r.blockFloor)) continue;
    const v = r.weight.reduce((s, w, u) => s + (covered[u] ? w : 0), 0);
    if (v > best) best = v;
  }
  return best;
}

const SEEDS = 'abcdefghij'.split('');
const SOLVERS: SolverName[] = ['exact', 'auto', 'greedy', 'lagrangian'];

describe('equity floors per age band and per block in one model', () => {
  it.each(SEEDS)('seed %s: the exact answer equals brute force over both floors, and every bound bounds it', async (seed) => {
    const raw = randomRaw(`equity:${seed}`);
    const inst = instance(raw);
    const opt = brute(raw);
    for (const solver of SOLVERS) {
      const r = await solveCoverage(inst, { solver, timeLimit: 20, seed: 1, pool });
      const where = `${solver}: ${r.status} ${r.objective} bound ${r.bound} (brute force ${opt}) ${r.notes.join(' | ')}`;
      if (opt === -Infinity) {
        expect(r.status, where).not.toBe('optimal');
        if (solver === 'exact') expect(r.status, where).toBe('infeasible');
        continue;
      }
      expect(r.bound, where).toBeGreaterThanOrEqual(opt - 1e-6);
      if (Number.isFinite(r.objective)) expect(r.objective, where).toBeLessThanOrEqual(opt + 1e-9);
      if (r.status === 'optimal' || solver === 'exact') expect(r.objective, where).toBe(opt);
    }
  });

  it('writes one floor row per group of each grouping in the LP', () => {
    const lp = coverageLp(instance(randomRaw('equity:lp')));
    expect(lp.match(/^ equity\d+:/gm)?.length).toBe(3);
    expect(lp.match(/^ equity1_\d+:/gm)?.length).toBe(4);
  });

  it('merges units in the reduction only within the same group of both groupings', () => {
    const inst = instance(randomRaw('equity:reduce'));
    const red = reduceCoverage(inst).instance;
    const g = red.equityGroupings![0];
    expect(g.unitGroup.length).toBe(red.nUnits);
    for (let h = 0; h < 4; h++) {
      let a = 0;
      let b = 0;
      for (let u = 0; u < inst.nUnits; u++) if (inst.equityGroupings![0].unitGroup[u] === h) a += inst.weight[u];
      for (let u = 0; u < red.nUnits; u++) if (g.unitGroup[u] === h) b += red.weight[u];
      expect(b).toBe(a);
    }
  });
});
