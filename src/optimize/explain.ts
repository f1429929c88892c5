/**
 * The explained plan (plan.json's `explanation`, src/plan/explanation.ts): what each conversion adds at
 * the margin, which constraints hold the plan back and what relaxing them is worth, the solver's record,
 * and why each service without a new site has none.
 *
 * Shadow values are measured, not guessed: the model is solved again with the limit relaxed one step
 * (one more conversion, 100,000 元 more, no minimum counts) by the same solver and seed; the value is the
 * gain in objective, stated when both solves are proven optimal. Otherwise, when the base plan is proven,
 * the gain is bracketed: at least what the relaxed solve's plan adds, at most its bound less the plan's
 * objective (`shadowRange`). At city scale (solveSiting.ts isCityScale) a re-solve stops at that
 * bracket unless `proveAtCityScale`: there each proof is a whole MILP of a few hundred options and
 * thousands of units (5-30 s each in one-off runs on districts of 60,000-120,000 residents), and the
 * three re-solves took two thirds of `run`. Without `reSolve` (a batch) no re-solve runs and every
 * shadow value is null.
 */
import { AGE_BANDS, N_AGE_BANDS, type AgeBand } from '../core/ageBands.ts';
import { isWithin } from '../coverage/rule.ts';
import type { LocateResult } from '../locate/model/result.ts';
import { sitingCoverage, type SitingInput } from '../locate/siting.ts';
import type { CoverageSolveOptions } from '../locate/solvers/solveCoverage.ts';
import type { ConstraintUse, ConversionMargin, PlanExplanation, UncoveredService } from '../plan/explanation.ts';
import type { Scenario } from '../scenario/types.ts';
import type { SparseDistanceMatrix } from '../travel/matrix.ts';
import { groupShares, lowestShare } from './groupShares.ts';
import type { SitingModel } from './sitingModel.ts';
import { solveSiting } from './solveSiting.ts';

/** The cost step of the max_cost shadow value, CNY. */
export const COST_STEP = 100_000;

/** The re-solves use the plan's own solver settings. */
export interface ExplainOptions extends Pick<CoverageSolveOptions, 'solver' | 'timeLimit' | 'threads' | 'seed' | 'starts' | 'pool'> {
  /** Re-solve with relaxed limits to measure shadow values (default false: they are null). */
  reSolve?: boolean;
  /** At city scale, prove each re-solve (a whole MILP) instead of bracketing its gain (default false). */
  proveAtCityScale?: boolean;
}

const r2 = (x: number) => Math.round(x * 100) / 100;
const r3 = (x: number) => Math.round(x * 1000) / 1000;
const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
const fin = (x: number): number | null => (Number.isFinite(x) ? x : null);
const yuan = (x: number) => `${Math.round(x).toLocaleString('en-US')} 元`;

function bandRecord(v: Float64Array): Record<AgeBand, number> {
  return Object.fromEntries(AGE_BANDS.map((b, i) => [b, r2(v[i])])) as Record<AgeBand, number>;
}

/** Marginal residents and weighted demand of each open option (covered by it and by no other open site). */
function margins(sc: Scenario, matrix: SparseDistanceMatrix, m: SitingModel, selected: number[], todayNearest: Float64Array): ConversionMargin[] {
  const { input } = m;
  const S = sc.services.length;
  const F = sc.facilities.count;
  const K = input.optionSpace.length;
  const open = new Uint8Array(K);
  for (const k of selected) open[k] = 1;
  // weighted demand: units reached by exactly one open option and not pre-covered
  const weight = new Float64Array(K);
  for (let u = 0; u < input.unitWeight.length; u++) {
    if (input.preCovered?.[u]) continue;
    let only = -1;
    let n = 0;
    for (let e = input.reachStart[u]; e < input.reachStart[u + 1] && n < 2; e++) if (open[input.reachOptions[e]]) [only, n] = [input.reachOptions[e], n + 1];
    if (n === 1) weight[only] += input.unitWeight[u];
  }
  // residents: (block, band, service) with no existing site within reach and exactly one open option
  // within the threshold at the band's speed. One pass over a block's row finds, per service, the two
  // nearest open options: exactly one is within reach when the nearest is and the second is not.
  const servicesAt: number[][] = Array.from({ length: sc.candidates.count }, () => []);
  const optionAt = new Int32Array(sc.candidates.count * S).fill(-1);
  for (const k of selected) {
    optionAt[m.optionCandidate[k] * S + m.optionService[k]] = k;
    servicesAt[m.optionCandidate[k]].push(m.optionService[k]);
  }
  const residents = new Float64Array(K * N_AGE_BANDS);
  const nearest = new Int32Array(S);
  const d1 = new Float64Array(S);
  const d2 = new Float64Array(S);
  for (let i = 0; i < sc.blocks.count; i++) {
    nearest.fill(-1);
    d1.fill(Infinity);
    d2.fill(Infinity);
    for (let p = matrix.offsets[i]; p < matrix.offsets[i + 1]; p++) {
      const j = matrix.index[p];
      if (j < F) continue;
      const d = matrix.metres[p];
      for (const s of servicesAt[j - F]) {
        if (d < d1[s]) {
          d2[s] = d1[s];
          d1[s] = d;
          nearest[s] = optionAt[(j - F) * S + s];
        } else if (d < d2[s]) d2[s] = d;
      }
    }
    for (let s = 0; s < S; s++) {
      if (nearest[s] < 0) continue;
      const threshold = sc.services[s].thresholdMin;
      for (let b = 0; b < N_AGE_BANDS; b++) {
        const speed = sc.behaviour.speedMps[b];
        if (isWithin(todayNearest[i * S + s], speed, threshold)) continue;
        if (isWithin(d1[s], speed, threshold) && !isWithin(d2[s], speed, threshold)) residents[nearest[s] * N_AGE_BANDS + b] += sc.blocks.population[i] * sc.blocks.ageShares[i * N_AGE_BANDS + b];
      }
    }
  }
  return [...selected]
    .sort((a, b) => m.optionCandidate[a] - m.optionCandidate[b] || m.optionService[a] - m.optionService[b])
    .map((k) => {
      const byBand = residents.subarray(k * N_AGE_BANDS, (k + 1) * N_AGE_BANDS);
      return {
        candidate: sc.candidates.ids[m.optionCandidate[k]],
        service: sc.services[m.optionService[k]].id,
        residents: r2(byBand.reduce((a, v) => a + v, 0)),
        residentsByBand: bandRecord(byBand),
        weightedDemand: r3(weight[k]),
        cost: Math.round(input.optionCost?.[k] ?? 0),
      };
    });
}

/** What opening each option would add to the plan with `open` open: the weight of the units it reaches that nothing covers yet. */
function addedWeight(input: SitingInput, open: Uint8Array): Float64Array {
  const out = new Float64Array(input.optionSpace.length);
  for (let u = 0; u < input.unitWeight.length; u++) {
    if (input.preCovered?.[u]) continue;
    let covered = false;
    for (let e = input.reachStart[u]; !covered && e < input.reachStart[u + 1]; e++) if (open[input.reachOptions[e]]) covered = true;
    if (!covered) for (let e = input.reachStart[u]; e < input.reachStart[u + 1]; e++) out[input.reachOptions[e]] += input.unitWeight[u];
  }
  return out;
}

/** The base selection and its extensions by each of the 50 options that add the most weight to it (feasible or not). */
function startingPoints(input: SitingInput, selected: number[]): number[][] {
  const open = new Uint8Array(input.optionSpace.length);
  for (const k of selected) open[k] = 1;
  const adds = addedWeight(input, open);
  const order: number[] = [];
  for (let k = 0; k < adds.length; k++) if (!open[k] && adds[k] > 0) order.push(k);
  order.sort((a, b) => adds[b] - adds[a] || a - b);
  return [selected, ...order.slice(0, 50).map((k) => [...selected, k])];
}

/** A re-solve of the model with `change` applied; its result, or null when it proved nothing. */
async function reSolve(input: SitingInput, base: LocateResult, opts: ExplainOptions): Promise<LocateResult> {
  // The base optimum stays feasible under the relaxed limit: auto starts from it and its best one-option
  // extensions instead of a local search.
  const initial = (opts.solver ?? 'auto') === 'auto' ? startingPoints(input, base.selected) : undefined;
  return solveSiting(sitingCoverage(input), { solver: opts.solver ?? 'auto', timeLimit: opts.timeLimit ?? 60, threads: opts.threads, seed: opts.seed, starts: opts.starts, pool: opts.pool, initial, cityBoundsOnly: !opts.proveAtCityScale });
}

/** What relaxing a limit gains: exact, bracketed, or not known. */
export interface Shadow {
  value: number | null;
  range: { low: number; high: number } | null;
}

/**
 * The measured gain of a relaxation: exact when the base and the relaxed solve are both proven optimal;
 * when only the base is, between what the relaxed plan adds and the relaxed bound less the base's
 * objective (the relaxed model keeps the base plan feasible, so its plan is never worse); else unknown.
 */
export function shadowOf(base: LocateResult, relaxed: LocateResult | null): Shadow {
  if (!relaxed || base.status !== 'optimal' || !Number.isFinite(relaxed.objective)) return { value: null, range: null };
  const low = r3(Math.max(0, relaxed.objective - base.objective));
  if (relaxed.status === 'optimal') return { value: low, range: null };
  if (!Number.isFinite(relaxed.bound)) return { value: null, range: null };
  return { value: null, range: { low, high: r3(Math.max(low, relaxed.bound - base.objective)) } };
}

/** A bracket as text: "12.5–40". */
const rangeText = (r: { low: number; high: number }) => `${r.low}–${r.high}`;

async function constraints(sc: Scenario, m: SitingModel, base: LocateResult, opts: ExplainOptions): Promise<ConstraintUse[]> {
  const { input } = m;
  const K = input.optionSpace.length;
  const sel = base.selected;
  const open = new Uint8Array(K);
  for (const k of sel) open[k] = 1;
  const out: ConstraintUse[] = [];
  // A gain needs a proven base: without one, no re-solve runs (shadowOf would know nothing anyway).
  const measure = async (change: Partial<SitingInput>) => (opts.reSolve && base.status === 'optimal' ? reSolve({ ...input, ...change }, base, opts) : null);
  const notMeasured = !opts.reSolve ? ' (shadow value not measured in this run)' : base.status !== 'optimal' ? ' (shadow value not measured: the plan is not proven optimal)' : '';
  const bracketed = ' (bracketed: the best plan found with the limit relaxed, and its bound; not solved exactly)';
  /** The note's tail for a relaxation: its worth, its bracket, or why neither is known. */
  const worth = (sh: Shadow, relaxed: LocateResult | null, step: string) =>
    sh.value !== null ? `; ${step} would add ${sh.value} weighted demand` : sh.range ? `; ${step} would add ${rangeText(sh.range)} weighted demand${bracketed}` : relaxed ? `; ${step}: not proven optimal, so not stated` : notMeasured;

  // conversions
  const maxConv = input.maxConversions;
  {
    const used = sel.length;
    const relaxed = maxConv === undefined ? null : await measure({ maxConversions: maxConv + 1 });
    const sh = shadowOf(base, relaxed);
    const binding = maxConv !== undefined && used >= maxConv;
    out.push({
      name: 'max_conversions', service: null, used, limit: maxConv ?? null, binding,
      shadowValue: sh.value, ...(sh.range && { shadowRange: sh.range }), step: maxConv === undefined ? null : 'one more conversion',
      note: maxConv === undefined ? 'no limit on the number of conversions' : `${used} of at most ${maxConv} conversions${worth(sh, relaxed, 'one more')}`,
    });
  }
  // cost
  const budget = input.budget;
  {
    let used = 0;
    for (const k of sel) used += input.optionCost?.[k] ?? 0;
    let cheapest = Infinity;
    for (let k = 0; k < K; k++) if (!open[k]) cheapest = Math.min(cheapest, input.optionCost?.[k] ?? 0);
    const relaxed = budget === undefined ? null : await measure({ budget: budget + COST_STEP });
    const sh = shadowOf(base, relaxed);
    const binding = budget !== undefined && budget - used < cheapest;
    out.push({
      name: 'max_cost', service: null, used: Math.round(used), limit: budget ?? null, binding,
      shadowValue: sh.value, ...(sh.range && { shadowRange: sh.range }), step: budget === undefined ? null : `${yuan(COST_STEP)} more`,
      note: budget === undefined ? 'no limit on the cost' : `${yuan(used)} of at most ${yuan(budget)}${binding ? `; what is left (${yuan(budget - used)}) buys no further conversion` : ''}${worth(sh, relaxed, `${yuan(COST_STEP)} more`)}`,
    });
  }
  // floor area: converted spaces too full for another of their allowed services that would add demand
  {
    const adds = addedWeight(input, open);
    const usedBySpace = new Map<number, number>();
    for (const k of sel) usedBySpace.set(input.optionSpace[k], (usedBySpace.get(input.optionSpace[k]) ?? 0) + input.optionArea[k]);
    let used = 0;
    let limit = 0;
    const full: string[] = [];
    for (const [g, a] of [...usedBySpace.entries()].sort((x, y) => x[0] - y[0])) {
      used += a;
      limit += input.spaceArea[g];
      let blocked = false;
      for (let k = 0; k < K; k++) if (input.optionSpace[k] === g && !open[k] && adds[k] > 0 && a + input.optionArea[k] > input.spaceArea[g]) blocked = true;
      if (blocked) full.push(`${sc.candidates.ids[g]} (${a} of ${input.spaceArea[g]} m² used)`);
    }
    out.push({
      name: 'floor_area', service: null, used, limit: usedBySpace.size ? limit : null, binding: full.length > 0,
      shadowValue: null, step: null,
      note: full.length ? `too full for another of their allowed services that would add demand: ${full.slice(0, 5).join(', ')}${full.length > 5 ? ` and ${full.length - 5} more` : ''}` : 'every converted space has room for any other of its allowed services that would add demand',
    });
  }
  // minimum counts: measured together, by solving without them
  const mins = sc.services.map((s, i) => [i, input.serviceMin?.[i] ?? 0] as const).filter(([, n]) => n > 0);
  if (mins.length) {
    const free = await measure({ serviceMin: undefined });
    const freeCount = new Int32Array(sc.services.length);
    if (free && free.status === 'optimal') for (const k of free.selected) freeCount[input.optionService[k]]++;
    const sh = shadowOf(base, free);
    const v = sh.value;
    for (const [s, n] of mins) {
      let used = 0;
      for (const k of sel) if (input.optionService[k] === s) used++;
      const known = v !== null;
      const binding = known ? freeCount[s] < n : used <= n;
      const id = sc.services[s].id;
      out.push({
        name: 'min_count', service: id, used, limit: n, binding,
        shadowValue: v, ...(sh.range && { shadowRange: sh.range }), step: v === null && !sh.range ? null : 'dropping every minimum count',
        note: known ? (binding ? `at least ${n} ${id} required; without the minimums the plan would open ${freeCount[s]}` : `at least ${n} ${id} required; the plan would open ${freeCount[s]} even without it`) : `at least ${n} ${id} required; the plan opens ${used}${worth(sh, free, 'dropping every minimum count')}`,
      });
    }
  }
  // equity
  if (input.unitGroup && input.equityShare && input.equityShare.length) {
    const floor = input.equityShare[0];
    const byBand = (sc.constraints.equity.ageBandMin ?? 0) > 0;
    const low = lowestShare(groupShares(input, input.unitGroup, input.equityShare.length, open));
    const who = low.group < 0 ? 'none' : byBand ? `age band ${AGE_BANDS[low.group]}` : `block ${sc.blocks.ids[low.group]}`;
    out.push({
      name: byBand ? 'equity_age_band' : 'equity_block', service: null, used: r6(low.share), limit: floor, binding: low.share - floor < 1e-6,
      shadowValue: null, step: null,
      note: `lowest covered share of weighted demand: ${who} at ${(low.share * 100).toFixed(1)}%, floor ${(floor * 100).toFixed(1)}%`,
    });
  }
  return out;
}

function uncovered(sc: Scenario, m: SitingModel, selected: number[], margin: ConversionMargin[]): UncoveredService[] {
  const { input } = m;
  const S = sc.services.length;
  const K = input.optionSpace.length;
  const open = new Uint8Array(K);
  for (const k of selected) open[k] = 1;
  const inPlan = new Uint8Array(S);
  for (const k of selected) inPlan[input.optionService[k]] = 1;
  const all = new Float64Array(S);
  const left = new Float64Array(S);
  for (let u = 0; u < input.unitWeight.length; u++) {
    all[input.unitService[u]] += input.unitWeight[u];
    if (!input.preCovered?.[u]) left[input.unitService[u]] += input.unitWeight[u];
  }
  const gainOf = addedWeight(input, open);
  const smallest = margin.reduce<ConversionMargin | null>((a, x) => (a === null || x.weightedDemand < a.weightedDemand ? x : a), null);
  let largestSpace = 0;
  for (let c = 0; c < sc.candidates.count; c++) largestSpace = Math.max(largestSpace, sc.candidates.areaM2[c]);
  const out: UncoveredService[] = [];
  sc.services.forEach((svc, s) => {
    if (inPlan[s]) return;
    let best = -1;
    let nOptions = 0;
    for (let k = 0; k < K; k++) if (input.optionService[k] === s) {
      nOptions++;
      if (best < 0 || gainOf[k] > gainOf[best]) best = k;
    }
    const base = { service: svc.id, uncoveredWeight: r3(left[s]), bestOptionWeight: best >= 0 ? r3(gainOf[best]) : null };
    if (all[s] === 0) out.push({ ...base, reason: 'no_demand', detail: 'no simulated trips to it' });
    else if (left[s] === 0) out.push({ ...base, reason: 'already_covered', detail: 'existing facilities already cover all of its demand' });
    else if (nOptions === 0 && largestSpace < svc.minAreaM2) out.push({ ...base, reason: 'no_space_big_enough', detail: `it needs ${svc.minAreaM2} m²; the largest idle space has ${largestSpace} m²` });
    else if (nOptions === 0) out.push({ ...base, reason: 'not_allowed_anywhere', detail: `some idle spaces have the ${svc.minAreaM2} m² it needs, but none allows it` });
    else if (gainOf[best] === 0) out.push({ ...base, reason: 'out_of_reach', detail: `none of the ${nOptions} idle spaces that can host it lies within ${svc.thresholdMin} min of the demand existing facilities leave uncovered` });
    else {
      const at = sc.candidates.ids[m.optionCandidate[best]];
      const cost = input.optionCost?.[best] ?? 0;
      const per = (w: number, c: number) => (c > 0 ? `${r2((w * 1000) / c)} per 1,000 元` : 'at no cost');
      const than = smallest ? `; the plan's smallest margin is ${smallest.weightedDemand} (${smallest.candidate} -> ${smallest.service}, ${per(smallest.weightedDemand, smallest.cost)})` : '';
      out.push({ ...base, reason: 'not_worth_it_under_budget', detail: `the best ${svc.id} conversion (${at}, ${yuan(cost)}) would add ${r3(gainOf[best])} weighted demand (${per(gainOf[best], cost)})${than}; within this budget's conversions, cost and minimum counts the chosen conversions add more together` });
    }
  });
  return out;
}

/** The explanation of `result`, the solve of model `m` (its plan has been checked and written elsewhere). */
export async function explainPlan(sc: Scenario, matrix: SparseDistanceMatrix, m: SitingModel, result: LocateResult, todayNearest: Float64Array, opts: ExplainOptions = {}): Promise<PlanExplanation> {
  const margin = margins(sc, matrix, m, result.selected, todayNearest);
  const objective = fin(result.objective);
  const added = objective === null ? 0 : Math.max(0, objective - m.preCoveredWeight);
  return {
    solver: { name: result.solver, status: result.status, objective: objective === null ? null : r3(objective), bound: fin(result.bound) === null ? null : r3(result.bound), gap: result.gap === null ? null : +result.gap.toPrecision(6), provenOptimal: result.status === 'optimal' },
    objective: {
      totalWeight: r3(m.totalWeight),
      preCoveredWeight: r3(m.preCoveredWeight),
      addedByPlan: r3(added),
      uncoverableWeight: r3(m.uncoverableWeight),
      note: `objective ${objective === null ? 'none' : r3(objective)} = ${r3(m.preCoveredWeight)} covered by existing facilities + ${r3(added)} added by the plan, of ${r3(m.totalWeight)} weighted daily trips in all (trips x age weight)`,
    },
    margins: margin,
    constraints: await constraints(sc, m, result, opts),
    uncovered: uncovered(sc, m, result.selected, margin),
  };
}
