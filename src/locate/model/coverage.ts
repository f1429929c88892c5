/**
 * The generalized coverage model on flat arrays: every coverage-type siting problem in quarterhour
 * (classic MCLP, and the living-circle model of (space, service) conversions) maps onto it.
 *
 *   units u = 0..nUnits-1, weight[u] >= 0          (demand: a tract, or a (block, age band, service))
 *   options k = 0..nOptions-1, cost[k] >= 0        (a candidate site, or a (space, service) pair)
 *   cover: CSR unit -> options that cover it       (coverage rule decided by the adapter, e.g. cost <= radius)
 *   maximise sum_u weight[u] * [some open option covers u]
 *   subject to
 *     sum_k open[k] <= maxOpen                               (cardinality, optional)
 *     sum_k cost[k] open[k] <= budget                        (budget, optional)
 *     sum_{k in group g} area[k] open[k] <= groupCapacity[g] (floor area per physical space, optional)
 *     sum_{k in class c} open[k] >= classMin[c]              (e.g. at least one canteen, optional)
 *     sum_{u in unit group h} weight[u] covered[u] >= equityShare[h] * sum_{u in h} weight[u]
 *                                                            (equity floors, e.g. per age band, optional)
 *     the same for each further grouping in equityGroupings  (e.g. per block as well, optional)
 *     open[k] = 1 for k in mustOpen                          (predefined facilities)
 *   Units already covered by existing facilities are passed in `preCovered`: they count as covered
 *   but play no part in the optimisation.
 */

/**
 * A further partition of the units with a floor per group, beside `unitGroup`/`equityShare` (which
 * stay the first grouping): equity floors per age band and per block in one model.
 */
export interface EquityGrouping {
  /** Group of each unit (-1: none). */
  unitGroup: Int32Array;
  /** Minimum covered share per group (0..1). */
  equityShare: Float64Array;
  /** What a group is, for messages (e.g. 'block'). */
  name?: string;
}

export interface CoverageInput {
  nUnits: number;
  nOptions: number;
  weight: Float64Array;
  /** CSR: options covering unit u are coverOptions[coverStart[u] .. coverStart[u+1]). */
  coverStart: Int32Array;
  coverOptions: Int32Array;
  /** Per-option cost (default: all 1). */
  cost?: Float64Array;
  maxOpen?: number;
  budget?: number;
  /** Physical space of each option (-1: none), its area use, and each space's capacity. */
  group?: Int32Array;
  area?: Float64Array;
  groupCapacity?: Float64Array;
  /** Class of each option (-1: none) and minimum number of open options per class. */
  optionClass?: Int32Array;
  classMin?: Int32Array;
  /** Equity: group of each unit (-1: none) and minimum covered share per unit group (0..1). */
  unitGroup?: Int32Array;
  equityShare?: Float64Array;
  /** Further equity groupings, each with its own floors (absent: none). */
  equityGroupings?: EquityGrouping[];
  /** Options that must be open (predefined facilities). */
  mustOpen?: Int32Array;
  /** Units already covered by existing facilities (1) — excluded from the optimisation. */
  preCovered?: Uint8Array;
  unitIds?: string[];
  optionIds?: string[];
}

/** A validated instance with the transpose (option -> units) built. */
export interface CoverageInstance extends Required<Omit<CoverageInput, 'unitIds' | 'optionIds' | 'maxOpen' | 'budget' | 'equityGroupings'>> {
  /** Further equity groupings (absent or empty: none); each has a group per unit and a floor per group. */
  equityGroupings?: EquityGrouping[];
  maxOpen: number; // Infinity when absent
  budget: number; // Infinity when absent
  optStart: Int32Array;
  optUnits: Int32Array;
  nGroups: number;
  nClasses: number;
  nUnitGroups: number;
  unitIds?: string[];
  optionIds?: string[];
  /** All weights integral (lets a bound within < 1 prove optimality). */
  integralWeights: boolean;
}

/** Build the option -> units transpose of a unit -> options CSR. */
export function transposeCsr(nRows: number, nCols: number, start: Int32Array, idx: Int32Array): { start: Int32Array; idx: Int32Array } {
  const tStart = new Int32Array(nCols + 1);
  for (let i = 0; i < idx.length; i++) tStart[idx[i] + 1]++;
  for (let k = 0; k < nCols; k++) tStart[k + 1] += tStart[k];
  const fill = tStart.slice(0, nCols);
  const tIdx = new Int32Array(idx.length);
  for (let u = 0; u < nRows; u++) for (let e = start[u]; e < start[u + 1]; e++) tIdx[fill[idx[e]]++] = u;
  return { start: tStart, idx: tIdx };
}

function maxPlusOne(a: Int32Array): number {
  let m = -1;
  for (let i = 0; i < a.length; i++) if (a[i] > m) m = a[i];
  return m + 1;
}

/** Validate and complete a coverage input. Throws RangeError naming the field on inconsistency. */
export function buildCoverage(input: CoverageInput): CoverageInstance {
  const { nUnits, nOptions } = input;
  const check = (ok: boolean, field: string, msg: string): void => {
    if (!ok) throw new RangeError(`coverage instance: ${field}: ${msg}`);
  };
  check(input.weight.length === nUnits, 'weight', `length ${input.weight.length}, expected ${nUnits}`);
  check(input.coverStart.length === nUnits + 1, 'coverStart', `length ${input.coverStart.length}, expected ${nUnits + 1}`);
  check(input.coverStart[nUnits] === input.coverOptions.length, 'coverStart', 'last entry must equal coverOptions.length');
  for (let e = 0; e < input.coverOptions.length; e++) check(input.coverOptions[e] >= 0 && input.coverOptions[e] < nOptions, 'coverOptions', `entry ${e} out of range`);
  for (let u = 0; u < nUnits; u++) check(input.weight[u] >= 0 && Number.isFinite(input.weight[u]), 'weight', `unit ${u} has weight ${input.weight[u]}`);
  const cost = input.cost ?? new Float64Array(nOptions).fill(1);
  check(cost.length === nOptions, 'cost', `length ${cost.length}, expected ${nOptions}`);
  const group = input.group ?? new Int32Array(nOptions).fill(-1);
  const area = input.area ?? new Float64Array(nOptions);
  const nGroups = maxPlusOne(group);
  const groupCapacity = input.groupCapacity ?? new Float64Array(nGroups).fill(Infinity);
  check(groupCapacity.length >= nGroups, 'groupCapacity', `length ${groupCapacity.length}, expected ${nGroups}`);
  const optionClass = input.optionClass ?? new Int32Array(nOptions).fill(-1);
  const nClasses = maxPlusOne(optionClass);
  const classMin = input.classMin ?? new Int32Array(nClasses);
  const unitGroup = input.unitGroup ?? new Int32Array(nUnits).fill(-1);
  const nUnitGroups = maxPlusOne(unitGroup);
  const equityShare = input.equityShare ?? new Float64Array(nUnitGroups);
  for (let h = 0; h < equityShare.length; h++) check(equityShare[h] >= 0 && equityShare[h] <= 1, 'equityShare', `group ${h} share ${equityShare[h]} not in [0, 1]`);
  const equityGroupings = (input.equityGroupings ?? []).map((g, t) => {
    check(g.unitGroup.length === nUnits, `equityGroupings[${t}].unitGroup`, `length ${g.unitGroup.length}, expected ${nUnits}`);
    const need = maxPlusOne(g.unitGroup);
    check(g.equityShare.length >= need, `equityGroupings[${t}].equityShare`, `length ${g.equityShare.length}, expected ${need}`);
    for (let h = 0; h < g.equityShare.length; h++) check(g.equityShare[h] >= 0 && g.equityShare[h] <= 1, `equityGroupings[${t}].equityShare`, `group ${h} share ${g.equityShare[h]} not in [0, 1]`);
    return g;
  });
  const mustOpen = input.mustOpen ?? new Int32Array(0);
  for (const k of mustOpen) check(k >= 0 && k < nOptions, 'mustOpen', `option ${k} out of range`);
  const preCovered = input.preCovered ?? new Uint8Array(nUnits);
  // Sort each unit's options and drop duplicates, so that identical covering sets compare equal.
  const coverStart = new Int32Array(nUnits + 1);
  const tmp: number[] = [];
  const out: number[] = [];
  for (let u = 0; u < nUnits; u++) {
    tmp.length = 0;
    for (let e = input.coverStart[u]; e < input.coverStart[u + 1]; e++) tmp.push(input.coverOptions[e]);
    tmp.sort((a, b) => a - b);
    for (let i = 0; i < tmp.length; i++) if (i === 0 || tmp[i] !== tmp[i - 1]) out.push(tmp[i]);
    coverStart[u + 1] = out.length;
  }
  const coverOptions = Int32Array.from(out);
  const t = transposeCsr(nUnits, nOptions, coverStart, coverOptions);
  let integralWeights = true;
  for (let u = 0; u < nUnits; u++) if (!Number.isInteger(input.weight[u])) integralWeights = false;
  return {
    nUnits,
    nOptions,
    weight: input.weight,
    coverStart,
    coverOptions,
    cost,
    maxOpen: input.maxOpen ?? Infinity,
    budget: input.budget ?? Infinity,
    group,
    area,
    groupCapacity,
    optionClass,
    classMin,
    unitGroup,
    equityShare,
    ...(equityGroupings.length > 0 && { equityGroupings }),
    mustOpen,
    preCovered,
    optStart: t.start,
    optUnits: t.idx,
    nGroups,
    nClasses,
    nUnitGroups,
    unitIds: input.unitIds,
    optionIds: input.optionIds,
    integralWeights,
  };
}

/** True when the instance has only a cardinality (and must-open) constraint: plain MCLP. */
export function isPlainCardinality(inst: CoverageInstance): boolean {
  return inst.budget === Infinity && !hasGroups(inst) && !hasClassMins(inst) && !hasEquity(inst);
}
export function hasGroups(inst: CoverageInstance): boolean {
  for (let k = 0; k < inst.nOptions; k++) if (inst.group[k] >= 0 && Number.isFinite(inst.groupCapacity[inst.group[k]])) return true;
  return false;
}
export function hasClassMins(inst: CoverageInstance): boolean {
  for (let c = 0; c < inst.nClasses; c++) if (inst.classMin[c] > 0) return true;
  return false;
}
export function hasEquity(inst: CoverageInstance): boolean {
  for (let h = 0; h < inst.nUnitGroups; h++) if (inst.equityShare[h] > 0) return true;
  for (const g of inst.equityGroupings ?? []) for (let h = 0; h < g.equityShare.length; h++) if (g.equityShare[h] > 0) return true;
  return false;
}

/** Every equity grouping of an instance: the first (unitGroup/equityShare) and the further ones. */
export function allEquityGroupings(inst: CoverageInstance): EquityGrouping[] {
  return [{ unitGroup: inst.unitGroup, equityShare: inst.equityShare }, ...(inst.equityGroupings ?? [])];
}
