/**
 * The living-circle model at city scale (thousands of idle spaces, over ten thousand options): a plan
 * certified by a bound for the whole city, from pricing the limits that join its neighbourhoods.
 *
 *  1. Plan and prices (cityPrimal.ts): greedy by gain per priced resource and swap local search, three
 *     rounds, each round's prices (per conversion, per yuan) fitted to the previous plan's margins.
 *  2. Bound (cityBound.ts): at those prices the model, less its coupling rows, splits into independent
 *     neighbourhoods; their LPs, solved in parallel on the pool, sum to D, a valid bound of the whole city.
 *  3. Plan from the bound: the options the neighbourhoods' LPs open guide a second greedy and local search.
 *  4. MILP (HiGHS) on the options the LPs open and those of the best plan, with every constraint;
 *     options both in the plan and opened fully by the LPs are kept open. It starts from the plan
 *     and stops within TARGET_GAP of the city's bound or MILP_GAP of its own.
 *     (When at most EXACT_MAX_OPTIONS options could be open in a better plan, by L + reduced cost,
 *     the MILP on those is solved exactly instead, and proves the optimum.)
 *  5. A plan the bounds certify only beyond CERTIFY_GAP (0.1%): every better plan opens only options
 *     that both bounds' L + reduced cost let beat it; HiGHS on those and the plan's, stopped once its
 *     own gap is within TARGET_GAP, bounds the whole city by its dual bound (valid for any plan: one
 *     that opens another option is worth less than the plan).
 * (With `boundsOnly`, for the explained plan's re-solves, step 4 is never exact and step 5 is skipped.)
 *  6. The best plan is evaluated from scratch on the whole instance (src/locate/model/evaluate.ts:
 *     every constraint checked, coverage recounted); the bound is D; status 'optimal' only when D meets
 *     the plan's value, else 'feasible' with the gap (or 'time-limit' when the MILP met the limit).
 * Every step does a fixed amount of work (no clock) and the pieces are summed in a fixed order, so the
 * plan and the bound are the same on 1 thread or many; the time limit is a safety net the city sizes
 * measured do not meet. Objectives and bounds exclude pre-covered weight until the result is built.
 */
import type { CoverageInstance } from '../locate/model/coverage.ts';
import { coverAssignment, objectiveWeight, preCoveredWeight, selectionToMask, totalWeight, uncoverableWeight, violations } from '../locate/model/evaluate.ts';
import { boundProvesOptimal, makeResult, type LocateResult, type SolveStatus } from '../locate/model/result.ts';
import { readHighs } from '../locate/solvers/highs/outcome.ts';
import { runTask, type Pool } from '../parallel/pool.ts';
import type { CoverState } from '../locate/model/coverState.ts';
import { cityBound, reachWeight, type CityBound } from './cityBound.ts';
import { restrictedModel } from './cityModel.ts';
import { fitPrices, improvedFrom, lpGuidedPlan, marginalValues, pricedGreedy, type Prices } from './cityPrimal.ts';
import type { CityHighsResult, CityHighsTask } from './cityTask.ts';

export interface CitySolveOptions {
  pool: Pool;
  /** Seconds for the whole solve (a safety net). */
  timeLimit: number;
  seed: number;
  /** Selections known to be good (e.g. a tighter model's optimum): kept when feasible and better. */
  initial?: number[][];
  /**
   * No proof or certificate: step 4 always takes the MILP on the options the LPs open (never the exact
   * one), and step 5 is skipped. For the explained plan's re-solves (explain.ts), which bracket a relaxed
   * limit's worth between the plan and the bound this finds.
   */
  boundsOnly?: boolean;
  /** Tests: EXACT_MAX_OPTIONS and CERTIFY_GAP of this solve, to take steps 4 and 5 on small models. */
  exactMaxOptions?: number;
  certifyGap?: number;
}

/** Below this many options that could beat the plan, the MILP on them proves the optimum. */
const EXACT_MAX_OPTIONS = 400;
/** Rounds of greedy -> prices -> greedy at those prices. */
const PRICE_ROUNDS = 3;
/**
 * Step 4's MILP stops once its plan is within this share of the objective (pre-covered weight
 * included) of its own bound, the best plan on the options it holds... It was 1e-4 of the reduced
 * objective (without pre-covered weight): on 2,000,000 residents and 20,000 blocks, where the city's
 * bound asks more than those options hold, HiGHS then spent the rest of the 60 s limit (47 s) proving
 * its own optimum within 32, and the result depended on the machine's speed. At 2e-4 of the objective
 * (441 there) it stops after the root, in 11 s, 14 below the plan the limit had left (one-off run).
 */
const MILP_GAP = 2e-4;
/** ...or as soon as its plan is certified by the city's bound within this share (of the objective with pre-covered weight). */
const TARGET_GAP = 8e-4;
/** A plan certified only beyond this share (the 0.1% the city scale promises) gets step 5: a MILP on the options that could beat it... */
const CERTIFY_GAP = 1e-3;
/** ...when there are at most this many. */
const COULD_MILP_MAX_OPTIONS = 3000;
/**
 * HiGHS's options for the MILPs that prove (step 4 on few options) or certify (step 5): presolve off.
 * On these models (a few hundred options, thousands of merged units) HiGHS's presolve and the root
 * node it leads to took most of the solve: in one-off runs on six districts' MILPs, 5.1 s instead of
 * 14.3, 2.2 instead of 4.9, 1.5 instead of 1.9 (step 4, proven), 3.3 instead of 13.1 and 31 instead
 * of 50 (step 5, to its target gap). Step 4's MILP with an objective target keeps presolve: on the
 * 1,000,000-resident city it reached the target at the root with it (4.9 s) and took 12.3 s without.
 */
const PROVING_MILP = { presolve: 'off' } as const;

interface Plan {
  selection: number[];
  objective: number;
}

/**
 * HiGHS on the pool, on the options `among` with every constraint, from `start`; options of the start that `lp`
 * opens fully are kept open (null: none kept). The selection it found (empty: none).
 */
async function milp(pool: Pool, inst: CoverageInstance, among: Uint8Array, start: Plan, lp: Float64Array | null, options: CityHighsTask['options']) {
  const r = restrictedModel(inst, among);
  const mask = selectionToMask(inst.nOptions, start.selection);
  const integrality = new Int32Array(r.task.numCols);
  integrality.fill(1, 0, r.options.length);
  const values = new Float64Array(r.task.numCols).fill(Number.NaN);
  let kept = 0;
  r.options.forEach((k, j) => {
    values[j] = mask[k];
    if (lp && mask[k] && lp[k] >= 0.99) {
      r.task.colLower[j] = 1;
      kept++;
    }
  });
  const result = await runTask<CityHighsResult>(pool, { kind: 'city-highs', ...r.task, integrality, start: values, options } as CityHighsTask);
  const selection: number[] = [];
  if (readHighs(result).hasSolution) for (let j = 0; j < r.options.length; j++) if (result.colValue[j] > 0.5) selection.push(r.options[j]);
  return { result, selection, options: r.options.length, units: r.weight.length, kept };
}

export async function solveCity(inst: CoverageInstance, opts: CitySolveOptions): Promise<LocateResult> {
  const t0 = performance.now();
  const deadline = t0 + opts.timeLimit * 1000;
  const left = () => Math.max(0.5, (deadline - performance.now()) / 1000);
  const notes: string[] = [];
  const timings: Record<string, number> = {};
  const pre = preCoveredWeight(inst);
  const K = inst.nOptions;
  const phase = async <T>(name: string, f: () => T | Promise<T>): Promise<T> => {
    const s = performance.now();
    const r = await f();
    timings[name] = (timings[name] ?? 0) + performance.now() - s;
    return r;
  };
  let plan: Plan | null = null;
  const offer = (selection: number[]): boolean => {
    if (selection.length === 0 && plan) return false;
    const mask = selectionToMask(K, selection);
    if (violations(inst, mask).length > 0) return false;
    const v = objectiveWeight(inst, mask);
    if (!plan || v > plan.objective) plan = { selection: [...selection].sort((a, b) => a - b), objective: v };
    return true;
  };
  const offerState = (st: CoverState) => offer(st.selection());
  /**
   * The options that can be open in a plan better than one worth z (1 more with integral weights) by
   * every bound given (L + min(0, rc_k) at least that), and how many: every better plan opens only these.
   */
  const couldBeat = (z: number, bounds: readonly CityBound[]): { could: Uint8Array; n: number } => {
    const t = inst.integralWeights ? z + 1 - 1e-9 * Math.max(1, z) : z + 1e-9 * Math.max(1, z);
    const could = new Uint8Array(K);
    let n = 0;
    for (let k = 0; k < K; k++) if (bounds.every((bd) => bd.lagrangian + Math.min(0, bd.rc[k]) >= t)) {
      could[k] = 1;
      n++;
    }
    return { could, n };
  };
  for (const sel of opts.initial ?? []) offer(sel);

  // 1. plans by priced greedy and local search, and the prices their margins imply
  let prices: Prices = { mu: Number.isFinite(inst.maxOpen) ? 1 / inst.maxOpen : 0, nu: Number.isFinite(inst.budget) ? 1 / inst.budget : 0 };
  await phase('greedy', () => {
    for (let round = 0; round < PRICE_ROUNDS; round++) {
      const st = pricedGreedy(inst, prices, opts.seed);
      offerState(st);
      prices = fitPrices(inst, marginalValues(st));
    }
  });
  notes.push(`city: priced greedy and local search ${plan ? (plan as Plan).objective : 'found no plan'}; prices ${prices.mu.toFixed(3)} per conversion, ${prices.nu.toExponential(4)} per yuan`);

  // 2. the bound of the whole city at those prices, by independent neighbourhoods
  const reach = reachWeight(inst);
  const b = await phase('bound', () => cityBound(inst, reach, prices, opts.pool, left()));
  notes.push(`city bound: ${b.pieces} independent neighbourhoods (largest ${b.largestPiece} options${b.unsolved ? `, ${b.unsolved} not solved` : ''}), ${b.tiled ? `${b.tiled} cut into tiles, ${b.jobs} LPs in all, ` : ""}D = ${b.bound.toFixed(3)} (with the LP duals as multipliers: ${b.lagrangian.toFixed(3)}); at these prices they open ${b.conversions.toFixed(2)} conversions costing ${Math.round(b.cost)}`);

  // 3. a plan guided by the neighbourhoods' LP solution
  const guided = await phase('guided', () => lpGuidedPlan(inst, b.x, prices, opts.seed));
  offerState(guided);
  notes.push(`city: LP-guided greedy and local search ${guided.covered}`);
  // the best plan given (a re-solve's: the optimum before a limit was relaxed), improved under this model's limits
  if (opts.initial?.length && plan) {
    const from = await phase('from', () => improvedFrom(inst, (plan as Plan).selection, prices, opts.seed));
    offerState(from);
    notes.push(`city: the best plan given, filled and improved by local search: ${from.covered}`);
  }

  // 4. exact when few options can beat the plan; else a MILP on the options the LPs open and the plan's
  if (plan) {
    const best = plan as Plan;
    const z = best.objective;
    const { could, n: nCould } = couldBeat(z, [b]);
    if (!opts.boundsOnly && nCould <= (opts.exactMaxOptions ?? EXACT_MAX_OPTIONS)) {
      // every plan better than this one opens only options in `could`: solve that model exactly
      for (const k of best.selection) could[k] = 1;
      const mip = await phase('milp', () => milp(opts.pool, inst, could, best, null, { time_limit: left(), mip_rel_gap: 0, mip_abs_gap: 1e-6, ...PROVING_MILP }));
      const o = readHighs(mip.result);
      offer(mip.selection);
      notes.push(`city: ${nCould} options can be open in a plan better than ${z} (L + reduced cost); MILP on them: ${o.label}, objective ${mip.result.objective}`);
      const exactBound = o.optimal ? (plan as Plan).objective : o.hasBound ? Math.max(z, mip.result.dualBound) : b.bound;
      return finish(o.hitLimit || b.unsolved > 0 ? 'time-limit' : 'feasible', Math.min(b.bound, exactBound));
    }
    const inMilp = new Uint8Array(K);
    for (let k = 0; k < K; k++) if (b.x[k] > 1e-9) inMilp[k] = 1;
    for (const k of best.selection) inMilp[k] = 1;
    // meanwhile, on the pool's other workers, the bound again at the prices the guided plan's margins imply
    const prices2 = fitPrices(inst, marginalValues(guided));
    const [mip, b2] = await Promise.all([
      phase('milp', () => milp(opts.pool, inst, inMilp, best, b.x, { time_limit: left(), mip_rel_gap: 0, mip_abs_gap: MILP_GAP * (z + pre), objective_target: b.bound - TARGET_GAP * (b.bound + pre) })),
      phase('bound2', () => cityBound(inst, reach, prices2, opts.pool, left())),
    ]);
    const o = readHighs(mip.result);
    const improved = offer(mip.selection) && (plan as Plan).objective > z;
    notes.push(`city: ${nCould} options can be open in a plan better than ${z}, ${opts.boundsOnly ? 'not proved (bounds only)' : 'too many to prove'}; MILP on the ${mip.options} options the LPs open and the plan's (${mip.kept} kept open: in the plan and opened by the LPs), ${mip.units} merged units: ${o.label}, objective ${mip.result.objective}${improved ? '' : ' (no better than the plan)'}`);
    notes.push(`city bound again at prices ${prices2.mu.toFixed(3)} per conversion, ${prices2.nu.toExponential(4)} per yuan: ${b2.pieces} neighbourhoods (largest ${b2.largestPiece} options), D = ${b2.bound.toFixed(3)}`);
    let bound = Math.min(b.bound, b2.bound);
    let hitLimit = o.hitLimit || b.unsolved + b2.unsolved > 0;
    // 5. not certified within CERTIFY_GAP: every better plan opens only options that both bounds let
    // beat it (L + reduced cost); HiGHS on those and the plan, stopped once its own gap would certify
    // TARGET_GAP, bounds the whole city by its dual bound
    const now = plan as Plan;
    if (!opts.boundsOnly && !hitLimit && bound - now.objective > (opts.certifyGap ?? CERTIFY_GAP) * (bound + pre)) {
      const { could: could2, n: n2 } = couldBeat(now.objective, [b, b2]);
      const certified = `certified only within ${(((bound - now.objective) / (bound + pre)) * 100).toFixed(3)}%`;
      if (n2 > COULD_MILP_MAX_OPTIONS) notes.push(`city: ${certified}; ${n2} options can be open in a better plan, too many for a MILP on them`);
      else {
        for (const k of now.selection) could2[k] = 1;
        const abs = TARGET_GAP * (now.objective + pre);
        const mip2 = await phase('milp2', () => milp(opts.pool, inst, could2, now, null, { time_limit: left(), mip_rel_gap: 0, mip_abs_gap: abs, ...PROVING_MILP }));
        const o2 = readHighs(mip2.result);
        const better = offer(mip2.selection) && (plan as Plan).objective > now.objective;
        if (o2.hasBound) bound = Math.min(bound, Math.max((plan as Plan).objective, mip2.result.dualBound));
        if (o2.hitLimit) hitLimit = true;
        notes.push(`city: ${certified}; ${n2} options can be open in a better plan (L + reduced cost at both prices); MILP on them and the plan's, ${mip2.units} merged units, stopped within ${abs.toFixed(1)} of its bound: ${o2.label}, objective ${mip2.result.objective}${better ? '' : ' (no better than the plan)'}, bound ${o2.hasBound ? mip2.result.dualBound : 'none'}`);
      }
    }
    // a neighbourhood cut short by the time limit counts all it reaches: valid, but it depends on the machine's speed
    return finish(hitLimit ? 'time-limit' : 'feasible', bound);
  }
  return finish('error', b.bound);

  function finish(status: SolveStatus, bound: number): LocateResult {
    const sel = plan ? (plan as Plan).selection : [];
    // evaluated from scratch on the whole instance
    const mask = selectionToMask(K, sel);
    const ok = plan !== null && violations(inst, mask).length === 0;
    const objective = ok ? objectiveWeight(inst, mask) : NaN;
    if (!ok) status = 'error';
    else if (boundProvesOptimal(objective, bound, 'max', inst.integralWeights)) status = 'optimal';
    if (ok) notes.push(`city: the plan evaluated on the whole model covers ${objective.toFixed(3)} beyond the ${pre.toFixed(3)} existing facilities cover; the bound is ${bound.toFixed(3)}`);
    return makeResult({
      model: 'coverage',
      solver: 'auto',
      sense: 'max',
      status,
      objective: objective + pre,
      bound: (ok ? Math.max(bound, objective) : bound) + pre,
      selected: sel,
      optionIds: inst.optionIds,
      assignment: coverAssignment(inst, sel),
      coveredWeight: ok ? objective + pre : pre,
      totalWeight: totalWeight(inst),
      uncoverableWeight: uncoverableWeight(inst),
      timings,
      t0,
      notes,
      seed: opts.seed,
    });
  }
}
