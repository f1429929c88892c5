/** Shared-data paths, seeded random coverage instances and a brute-force oracle for the locate tests. */
import seedrandom from 'seedrandom';
import { buildCoverage, type CoverageInstance } from '../../src/locate/model/coverage.ts';
import { objectiveWeight, selectionToMask, violations } from '../../src/locate/model/evaluate.ts';

export const SF_COSTS = '../shared/data/spopt-sf/SF_network_distance_candidateStore_16_censusTract_205_new.csv';
export const SF_DEMAND = '../shared/data/spopt-sf/SF_demand_205_centroid_uniform_weight.csv';
export const ORLIB = '../shared/data/orlib-pmed';

export { haveData } from '../fixtures/network/sharedData.ts';

export interface RandomOptions {
  nUnits: number;
  nOptions: number;
  p?: number;
  budget?: boolean;
  groups?: boolean;
  classes?: boolean;
  equity?: boolean;
  must?: boolean;
  preCovered?: boolean;
  coverProb?: number;
}

/** One shape of random instance per kind of side constraint, each with a name that reads in a test title. */
export function constraintShapes(nUnits: number, nOptions: number): [string, RandomOptions][] {
  return [
    ['plain MCLP', { nUnits, nOptions, p: 3 }],
    ['MCLP with a predefined site and pre-covered units', { nUnits, nOptions, p: 3, must: true, preCovered: true }],
    ['a budget', { nUnits, nOptions, budget: true }],
    ['floor-area groups', { nUnits, nOptions, p: 4, groups: true }],
    ['class minimums', { nUnits, nOptions, p: 3, classes: true, coverProb: 0.15 }],
    ['equity floors', { nUnits, nOptions, p: 3, equity: true }],
  ];
}

/** A seeded random coverage instance with optional side constraints. */
export function randomCoverage(seed: string, o: RandomOptions): CoverageInstance {
  const rng = seedrandom.alea(seed);
  const n = o.nUnits;
  const m = o.nOptions;
  const start = [0];
  const idx: number[] = [];
  const prob = o.coverProb ?? 0.25;
  for (let u = 0; u < n; u++) {
    for (let k = 0; k < m; k++) if (rng() < prob) idx.push(k);
    start.push(idx.length);
  }
  const weight = Float64Array.from({ length: n }, () => 1 + Math.floor(rng() * 100));
  const cost = o.budget ? Float64Array.from({ length: m }, () => 1 + Math.floor(rng() * 5)) : undefined;
  const nGroups = Math.max(1, Math.floor(m / 3));
  return buildCoverage({
    nUnits: n,
    nOptions: m,
    weight,
    coverStart: Int32Array.from(start),
    coverOptions: Int32Array.from(idx),
    cost,
    maxOpen: o.p,
    budget: o.budget ? 6 : undefined,
    group: o.groups ? Int32Array.from({ length: m }, (_, k) => k % nGroups) : undefined,
    area: o.groups ? Float64Array.from({ length: m }, () => 1 + Math.floor(rng() * 3)) : undefined,
    groupCapacity: o.groups ? new Float64Array(nGroups).fill(3) : undefined,
    optionClass: o.classes ? Int32Array.from({ length: m }, (_, k) => k % 2) : undefined,
    classMin: o.classes ? Int32Array.from([1, 1]) : undefined,
    unitGroup: o.equity ? Int32Array.from({ length: n }, (_, u) => u % 2) : undefined,
    equityShare: o.equity ? Float64Array.from([0.5, 0.5]) : undefined,
    mustOpen: o.must ? Int32Array.from([0]) : undefined,
    preCovered: o.preCovered ? Uint8Array.from({ length: n }, () => (rng() < 0.15 ? 1 : 0)) : undefined,
  });
}

/** The optimum by enumerating every subset of options (small m only); -Infinity when infeasible. */
export function bruteForce(inst: CoverageInstance): { objective: number; selection: number[] } {
  let best = -Infinity;
  let bestSel: number[] = [];
  const m = inst.nOptions;
  for (let mask = 0; mask < 1 << m; mask++) {
    const sel: number[] = [];
    for (let k = 0; k < m; k++) if (mask & (1 << k)) sel.push(k);
    if (sel.length > inst.maxOpen) continue;
    const open = selectionToMask(m, sel);
    if (violations(inst, open).length) continue;
    const v = objectiveWeight(inst, open);
    if (v > best) {
      best = v;
      bestSel = sel;
    }
  }
  let pre = 0;
  for (let u = 0; u < inst.nUnits; u++) if (inst.preCovered[u]) pre += inst.weight[u];
  return { objective: best + pre, selection: bestSel };
}
