/**
 * Exact reductions of a coverage instance (the optimum is unchanged):
 *  - units: merge units with identical covering sets (and the same equity group and pre-covered
 *    flag), summing weights; pre-covered units merge per equity group whatever their sets;
 *  - options: drop an option whose covered units are a subset of another's, when the other is no
 *    costlier, uses no more area in the same space and belongs to the same class (or the dropped one's
 *    class has no minimum), and the dropped one is not predefined; identical options keep the lowest index;
 *  - fixings from a bound (see lagrangian.fixByBound): options closed or forced open.
 * Returns the reduced instance and the map back to original option indices.
 */
import { buildCoverage, type CoverageInstance } from './coverage.ts';

export interface Reduction {
  instance: CoverageInstance;
  /** Reduced option index -> original option index. */
  optionMap: Int32Array;
  unitsBefore: number;
  optionsBefore: number;
  mergedUnits: number;
  dominatedOptions: number;
  fixedZero: number;
  fixedOne: number;
}

export interface ReduceOptions {
  fixZero?: Uint8Array;
  fixOne?: Uint8Array;
  /** Skip the dominance test (O(sum of option sizes x covering degree)) beyond this deadline. */
  deadline?: number;
}

export function reduceCoverage(inst: CoverageInstance, opts: ReduceOptions = {}): Reduction {
  const n = inst.nUnits;
  const m = inst.nOptions;
  const must = new Uint8Array(m);
  for (const k of inst.mustOpen) must[k] = 1;
  const keep = new Uint8Array(m).fill(1);
  let fixedZero = 0;
  let fixedOne = 0;
  const forceOne = new Uint8Array(m);
  for (let k = 0; k < m; k++) {
    if (opts.fixZero?.[k] && !must[k]) {
      keep[k] = 0;
      fixedZero++;
    } else if (opts.fixOne?.[k] && !must[k]) {
      forceOne[k] = 1;
      fixedOne++;
    }
  }
  // Dominance, over units that matter (not pre-covered, positive weight).
  let dominated = 0;
  const classHasMin = (c: number): boolean => c >= 0 && inst.classMin[c] > 0;
  const mark = new Int32Array(n).fill(-1);
  const relevant = (u: number): boolean => !inst.preCovered[u] && inst.weight[u] > 0;
  const size = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    let s = 0;
    for (let e = inst.optStart[k]; e < inst.optStart[k + 1]; e++) if (relevant(inst.optUnits[e])) s++;
    size[k] = s;
  }
  for (let a = 0; a < m; a++) {
    if (!keep[a] || must[a] || forceOne[a]) continue;
    if (opts.deadline !== undefined && performance.now() > opts.deadline) break;
    // rarest relevant unit of a
    let rare = -1;
    let rareDeg = Infinity;
    for (let e = inst.optStart[a]; e < inst.optStart[a + 1]; e++) {
      const u = inst.optUnits[e];
      if (!relevant(u)) continue;
      mark[u] = a;
      const d = inst.coverStart[u + 1] - inst.coverStart[u];
      if (d < rareDeg) {
        rareDeg = d;
        rare = u;
      }
    }
    if (rare < 0) {
      // covers nothing that matters: dominated by doing nothing, unless a class needs it
      if (!classHasMin(inst.optionClass[a])) {
        keep[a] = 0;
        dominated++;
      }
      continue;
    }
    for (let f = inst.coverStart[rare]; f < inst.coverStart[rare + 1]; f++) {
      const b = inst.coverOptions[f];
      if (b === a || !keep[b] || size[b] < size[a]) continue;
      if (inst.cost[b] > inst.cost[a]) continue;
      if (inst.group[b] !== inst.group[a] || inst.area[b] > inst.area[a]) continue;
      if (inst.optionClass[b] !== inst.optionClass[a] && classHasMin(inst.optionClass[a])) continue;
      if (size[b] === size[a] && inst.cost[b] === inst.cost[a] && inst.area[b] === inst.area[a] && b > a && !must[b] && !forceOne[b]) continue; // identical: keep the lower index
      let count = 0;
      for (let e = inst.optStart[b]; e < inst.optStart[b + 1]; e++) if (mark[inst.optUnits[e]] === a) count++;
      if (count === size[a]) {
        keep[a] = 0;
        dominated++;
        break;
      }
    }
  }
  const optionMap: number[] = [];
  const newIndex = new Int32Array(m).fill(-1);
  for (let k = 0; k < m; k++) if (keep[k]) {
    newIndex[k] = optionMap.length;
    optionMap.push(k);
  }
  const m2 = optionMap.length;
  // Units: key = pre-covered flag + group + reduced covering set.
  const keyToUnit = new Map<string, number>();
  // Units merge only within the same group of every further equity grouping too.
  const extra = inst.equityGroupings ?? [];
  const extraGroups: number[][] = extra.map(() => []);
  const weights: number[] = [];
  const groups: number[] = [];
  const pre: number[] = [];
  const start: number[] = [0];
  const opts2: number[] = [];
  const row: number[] = [];
  for (let u = 0; u < n; u++) {
    row.length = 0;
    if (!inst.preCovered[u]) for (let e = inst.coverStart[u]; e < inst.coverStart[u + 1]; e++) {
      const k2 = newIndex[inst.coverOptions[e]];
      if (k2 >= 0) row.push(k2);
    }
    let key = `${inst.preCovered[u]}|${inst.unitGroup[u]}|${row.join(',')}`;
    for (const g of extra) key += `|${g.unitGroup[u]}`;
    const at = keyToUnit.get(key);
    if (at !== undefined) {
      weights[at] += inst.weight[u];
      continue;
    }
    keyToUnit.set(key, weights.length);
    weights.push(inst.weight[u]);
    groups.push(inst.unitGroup[u]);
    extra.forEach((g, t) => extraGroups[t].push(g.unitGroup[u]));
    pre.push(inst.preCovered[u]);
    for (const k2 of row) opts2.push(k2);
    start.push(opts2.length);
  }
  const mustList: number[] = [];
  for (let k = 0; k < m; k++) if (keep[k] && (must[k] || forceOne[k])) mustList.push(newIndex[k]);
  const pick = <T extends Float64Array | Int32Array>(arr: T): T => {
    const out = new (arr.constructor as new (len: number) => T)(m2);
    for (let i = 0; i < m2; i++) out[i] = arr[optionMap[i]];
    return out;
  };
  const reduced = buildCoverage({
    nUnits: weights.length,
    nOptions: m2,
    weight: Float64Array.from(weights),
    coverStart: Int32Array.from(start),
    coverOptions: Int32Array.from(opts2),
    cost: pick(inst.cost),
    maxOpen: inst.maxOpen,
    budget: inst.budget,
    group: pick(inst.group),
    area: pick(inst.area),
    groupCapacity: inst.groupCapacity,
    optionClass: pick(inst.optionClass),
    classMin: inst.classMin,
    unitGroup: Int32Array.from(groups),
    equityShare: inst.equityShare,
    ...(extra.length > 0 && { equityGroupings: extra.map((g, t) => ({ ...g, unitGroup: Int32Array.from(extraGroups[t]) })) }),
    mustOpen: Int32Array.from(mustList),
    preCovered: Uint8Array.from(pre),
  });
  return {
    instance: reduced,
    optionMap: Int32Array.from(optionMap),
    unitsBefore: n,
    optionsBefore: m,
    mergedUnits: n - weights.length,
    dominatedOptions: dominated,
    fixedZero,
    fixedOne,
  };
}
