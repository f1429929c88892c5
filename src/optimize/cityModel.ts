/**
 * The city-scale model pieces (citySolve.ts), as flat HiGHS arrays (cityTask.ts):
 *  - restrictedModel: the coverage model restricted to candidate options. Columns x_k (k in C,
 *    ascending) then y_U, one per merged unit U (the relevant units - not pre-covered, weight > 0 -
 *    with the same candidates covering them, weights summed); rows: cover y_U - sum_{k in C covering U}
 *    x_k <= 0, then cardinality, budget, the floor area of each space whose candidates could overfill
 *    it, and the minimum count of each class;
 *  - pricedModel: the same with only the cover rows, every option paying a price instead, and the
 *    original units each merged unit holds (to share its dual among them);
 *  - optionComponents: the options that reach a common unit, joined; tiles: a large component cut
 *    into tiles of units (cityBound.ts prices the options they share).
 */
import type { CoverageInstance } from '../locate/model/coverage.ts';
import type { CityHighsTask } from './cityTask.ts';

export interface Restricted {
  /** Candidate options (original indices), ascending: columns 0..n-1. */
  options: Int32Array;
  /** Per original unit: its merged unit (column n + U), or -1 (not relevant, or no candidate reaches it). */
  unitOf: Int32Array;
  /** Weight of each merged unit. */
  weight: Float64Array;
  /** Row kinds after the cover rows: cardinality, budget, then area rows (their spaces), then class rows (their classes). */
  cardRow: number;
  budgetRow: number;
  spaceRows: Int32Array;
  classRows: Int32Array;
  task: Omit<CityHighsTask, 'kind' | 'options'>;
}

/** Units that matter: not pre-covered, positive weight, reachable by some option. */
export function relevantUnit(inst: CoverageInstance, u: number): boolean {
  return !inst.preCovered[u] && inst.weight[u] > 0 && inst.coverStart[u + 1] > inst.coverStart[u];
}

/** The model restricted to the options with cand[k] = 1 (must-open options are not supported here). */
export function restrictedModel(inst: CoverageInstance, cand: Uint8Array, unitKeep?: Uint8Array): Restricted {
  const opts: number[] = [];
  const col = new Int32Array(inst.nOptions).fill(-1);
  for (let k = 0; k < inst.nOptions; k++) if (cand[k]) {
    col[k] = opts.length;
    opts.push(k);
  }
  const n = opts.length;
  // merged units, keyed by their candidate row
  const unitOf = new Int32Array(inst.nUnits).fill(-1);
  const key = new Map<string, number>();
  const weight: number[] = [];
  const rowsStart: number[] = [0];
  const rowsIdx: number[] = [];
  const row: number[] = [];
  for (let u = 0; u < inst.nUnits; u++) {
    if (!relevantUnit(inst, u) || (unitKeep && !unitKeep[u])) continue;
    row.length = 0;
    for (let e = inst.coverStart[u]; e < inst.coverStart[u + 1]; e++) if (col[inst.coverOptions[e]] >= 0) row.push(col[inst.coverOptions[e]]);
    if (row.length === 0) continue;
    const kk = row.join(',');
    const at = key.get(kk);
    if (at !== undefined) {
      weight[at] += inst.weight[u];
      unitOf[u] = at;
      continue;
    }
    unitOf[u] = weight.length;
    key.set(kk, weight.length);
    weight.push(inst.weight[u]);
    for (const j of row) rowsIdx.push(j);
    rowsStart.push(rowsIdx.length);
  }
  const U = weight.length;
  const numCols = n + U;
  const starts: number[] = [];
  const indices: number[] = [];
  const values: number[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  // cover rows: y_U - sum x <= 0
  for (let r = 0; r < U; r++) {
    starts.push(indices.length);
    for (let e = rowsStart[r]; e < rowsStart[r + 1]; e++) {
      indices.push(rowsIdx[e]);
      values.push(-1);
    }
    indices.push(n + r);
    values.push(1);
    lower.push(-Infinity);
    upper.push(0);
  }
  const allRow = (coef: (k: number) => number, lo: number, hi: number): number => {
    starts.push(indices.length);
    for (let j = 0; j < n; j++) {
      const c = coef(opts[j]);
      if (c !== 0) {
        indices.push(j);
        values.push(c);
      }
    }
    lower.push(lo);
    upper.push(hi);
    return lower.length - 1;
  };
  const cardRow = Number.isFinite(inst.maxOpen) ? allRow(() => 1, -Infinity, inst.maxOpen) : -1;
  const budgetRow = Number.isFinite(inst.budget) ? allRow((k) => inst.cost[k], -Infinity, inst.budget) : -1;
  // area rows only where the candidates at a space could overfill it
  const used = new Float64Array(inst.nGroups);
  for (const k of opts) if (inst.group[k] >= 0) used[inst.group[k]] += inst.area[k];
  const spaceRows: number[] = [];
  for (let g = 0; g < inst.nGroups; g++) {
    if (!(used[g] > inst.groupCapacity[g])) continue;
    allRow((k) => (inst.group[k] === g ? inst.area[k] : 0), -Infinity, inst.groupCapacity[g]);
    spaceRows.push(g);
  }
  const classRows: number[] = [];
  for (let c = 0; c < inst.nClasses; c++) {
    if (inst.classMin[c] <= 0) continue;
    allRow((k) => (inst.optionClass[k] === c ? 1 : 0), inst.classMin[c], Infinity);
    classRows.push(c);
  }
  starts.push(indices.length);
  const colCost = new Float64Array(numCols);
  for (let r = 0; r < U; r++) colCost[n + r] = weight[r];
  return {
    options: Int32Array.from(opts),
    unitOf,
    weight: Float64Array.from(weight),
    cardRow,
    budgetRow,
    spaceRows: Int32Array.from(spaceRows),
    classRows: Int32Array.from(classRows),
    task: {
      numCols,
      numRows: lower.length,
      colCost,
      colLower: new Float64Array(numCols),
      colUpper: new Float64Array(numCols).fill(1),
      rowLower: Float64Array.from(lower),
      rowUpper: Float64Array.from(upper),
      starts: Int32Array.from(starts),
      indices: Int32Array.from(indices),
      values: Float64Array.from(values),
    },
  };
}

/**
 * The priced model of a set of options: maximise sum_U W_U y_U - sum_k price_k x_k subject to the cover
 * rows only (the coupling rows are priced into `price`), as flat HiGHS arrays; columns x (the options
 * in order) then y (merged units).
 */
export function pricedModel(inst: CoverageInstance, options: ArrayLike<number>, price: Float64Array, unitKeep?: Uint8Array): { options: Int32Array; weight: Float64Array; units: Int32Array; unitRow: Int32Array; task: Omit<CityHighsTask, 'kind' | 'options'> } {
  const cand = new Uint8Array(inst.nOptions);
  for (let i = 0; i < options.length; i++) cand[options[i]] = 1;
  // only the cover rows: cardinality and budget rows dropped, areas and classes not present
  const r = restrictedModel({ ...inst, maxOpen: Infinity, budget: Infinity, classMin: new Int32Array(inst.nClasses), groupCapacity: new Float64Array(inst.nGroups).fill(Infinity) }, cand, unitKeep);
  const n = r.options.length;
  for (let j = 0; j < n; j++) r.task.colCost[j] = -price[r.options[j]];
  // the original units in the model and their rows (merged units), compactly
  const units: number[] = [];
  const unitRow: number[] = [];
  for (let u = 0; u < r.unitOf.length; u++) if (r.unitOf[u] >= 0) {
    units.push(u);
    unitRow.push(r.unitOf[u]);
  }
  return { options: r.options, weight: r.weight, units: Int32Array.from(units), unitRow: Int32Array.from(unitRow), task: r.task };
}

/**
 * Connected components of the options with `keep[k]`, joined when they reach a common relevant unit.
 * Components in order of their smallest option; options ascending in each.
 */
export function optionComponents(inst: CoverageInstance, keep: Uint8Array): number[][] {
  const parent = new Int32Array(inst.nOptions);
  for (let k = 0; k < parent.length; k++) parent[k] = k;
  const find = (a: number): number => {
    while (parent[a] !== a) {
      parent[a] = parent[parent[a]];
      a = parent[a];
    }
    return a;
  };
  for (let u = 0; u < inst.nUnits; u++) {
    if (!relevantUnit(inst, u)) continue;
    let first = -1;
    for (let e = inst.coverStart[u]; e < inst.coverStart[u + 1]; e++) {
      const k = inst.coverOptions[e];
      if (!keep[k]) continue;
      if (first < 0) first = k;
      else {
        const a = find(first);
        const b = find(k);
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  }
  const byRoot = new Map<number, number[]>();
  const out: number[][] = [];
  for (let k = 0; k < inst.nOptions; k++) {
    if (!keep[k]) continue;
    const root = find(k);
    let c = byRoot.get(root);
    if (!c) {
      c = [];
      byRoot.set(root, c);
      out.push(c);
    }
    c.push(k);
  }
  return out;
}

/**
 * Cut a component into tiles of at most `size` options: options in breadth-first order over shared
 * units (from the smallest), dealt to consecutive tiles; each relevant unit goes to the tile of its
 * first covering option in that order. Returns each unit's tile (-1: not in the component).
 */
export function tiles(inst: CoverageInstance, component: number[], size: number): { unitTile: Int32Array; count: number } {
  const inComp = new Uint8Array(inst.nOptions);
  for (const k of component) inComp[k] = 1;
  const order: number[] = [];
  const seen = new Uint8Array(inst.nOptions);
  for (const root of component) {
    if (seen[root]) continue;
    seen[root] = 1;
    order.push(root);
    for (let h = order.length - 1; h < order.length; h++) {
      const k = order[h];
      for (let e = inst.optStart[k]; e < inst.optStart[k + 1]; e++) {
        const u = inst.optUnits[e];
        if (!relevantUnit(inst, u)) continue;
        for (let f = inst.coverStart[u]; f < inst.coverStart[u + 1]; f++) {
          const j = inst.coverOptions[f];
          if (inComp[j] && !seen[j]) {
            seen[j] = 1;
            order.push(j);
          }
        }
      }
    }
  }
  const tileOf = new Int32Array(inst.nOptions).fill(-1);
  order.forEach((k, i) => (tileOf[k] = Math.floor(i / size)));
  const rank = new Int32Array(inst.nOptions).fill(-1);
  order.forEach((k, i) => (rank[k] = i));
  const unitTile = new Int32Array(inst.nUnits).fill(-1);
  for (const k of component) for (let e = inst.optStart[k]; e < inst.optStart[k + 1]; e++) {
    const u = inst.optUnits[e];
    if (!relevantUnit(inst, u) || unitTile[u] >= 0) continue;
    let first = -1;
    for (let f = inst.coverStart[u]; f < inst.coverStart[u + 1]; f++) {
      const j = inst.coverOptions[f];
      if (inComp[j] && (first < 0 || rank[j] < rank[first])) first = j;
    }
    unitTile[u] = tileOf[first];
  }
  return { unitTile, count: Math.ceil(order.length / size) };
}
