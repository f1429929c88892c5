/**
 * When no plan meets the scenario's constraints: which one cannot be met, and the best value reachable.
 * Cheap counting checks first (minimum counts against the idle spaces, the conversion limit and the
 * cost limit), then the equity floor: its best reachable share, bracketed by re-solving the model
 * (HiGHS) with lower floors — a plan found proves the low end, a proven-infeasible model the high end.
 */
import { AGE_BANDS } from '../core/ageBands.ts';
import { sitingCoverage, type SitingInput } from '../locate/siting.ts';
import { selectionToMask } from '../locate/model/evaluate.ts';
import type { LocateResult } from '../locate/model/result.ts';
import { solveCoverage } from '../locate/solvers/solveCoverage.ts';
import type { Pool } from '../parallel/pool.ts';
import type { Scenario } from '../scenario/types.ts';
import { groupShares, lowestShare } from './groupShares.ts';
import type { SitingModel } from './sitingModel.ts';

/** No plan meets the constraints (the CLI exits 1 on it and writes nothing). */
export class InfeasiblePlanError extends Error {
  /** The scenario field that cannot be met, e.g. 'constraints.equity.ageBandMin'; null when no single one was found. */
  readonly constraint: string | null;
  readonly requested: number | null;
  /** The best value reachable: [proven reachable, proven out of reach or the requested value]; null when not measured. */
  readonly reachable: [number, number] | null;
  constructor(message: string, constraint: string | null = null, requested: number | null = null, reachable: [number, number] | null = null) {
    super(message);
    this.name = 'InfeasiblePlanError';
    this.constraint = constraint;
    this.requested = requested;
    this.reachable = reachable;
  }
}

export interface DiagnoseOptions {
  /** Seconds for each re-solve (default 10). */
  timeLimit?: number;
  pool?: Pool;
  seed?: number;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const yuan = (x: number) => `${Math.round(x).toLocaleString('en-US')} 元`;

/** Counting checks of the minimum counts; null when they pass. */
function minCountProblem(sc: Scenario, input: SitingInput): InfeasiblePlanError | null {
  const min = input.serviceMin;
  if (!min) return null;
  const S = sc.services.length;
  const options: number[][] = Array.from({ length: S }, () => []);
  input.optionService.forEach((s, k) => options[s].push(k));
  let needed = 0;
  let cheapest = 0;
  for (let s = 0; s < S; s++) {
    if (min[s] <= 0) continue;
    const id = sc.services[s].id;
    if (options[s].length < min[s]) {
      return new InfeasiblePlanError(
        `constraints.minCount.${id} asks for ${min[s]} new ${id}, but only ${options[s].length} idle space${options[s].length === 1 ? '' : 's'} can host one (it needs ${sc.services[s].minAreaM2} m² and must be allowed there); the best reachable is ${options[s].length}`,
        `constraints.minCount.${id}`, min[s], [options[s].length, options[s].length]);
    }
    needed += min[s];
    const costs = options[s].map((k) => input.optionCost?.[k] ?? 0).sort((a, b) => a - b);
    for (let i = 0; i < min[s]; i++) cheapest += costs[i];
  }
  const maxConv = input.maxConversions;
  if (maxConv !== undefined && needed > maxConv) {
    return new InfeasiblePlanError(`constraints.minCount asks for ${needed} conversions in all, but budget.maxConversions is ${maxConv}; the best reachable is ${maxConv} of them`, 'budget.maxConversions', maxConv, [maxConv, maxConv]);
  }
  if (input.budget !== undefined && cheapest > input.budget * (1 + 1e-9)) {
    return new InfeasiblePlanError(`the cheapest conversions that meet constraints.minCount cost ${yuan(cheapest)}, but budget.maxCost is ${yuan(input.budget)}`, 'budget.maxCost', input.budget, null);
  }
  return null;
}

/** A plan was found (statuses without an incumbent are 'infeasible' and 'error'). */
const found = (r: LocateResult) => r.status !== 'infeasible' && r.status !== 'error';

async function solve(input: SitingInput, opts: DiagnoseOptions) {
  return solveCoverage(sitingCoverage(input), { solver: 'exact', timeLimit: opts.timeLimit ?? 10, seed: opts.seed, pool: opts.pool });
}

/** The equity floor's best reachable share, bracketed by re-solves; null when the floor is not the culprit. */
async function equityProblem(sc: Scenario, m: SitingModel, opts: DiagnoseOptions, provenOut: boolean): Promise<InfeasiblePlanError | null> {
  const { input } = m;
  if (!input.unitGroup || !input.equityShare || input.equityShare.length === 0) return null;
  const floor = input.equityShare[0];
  const byBand = sc.constraints.equity.ageBandMin !== undefined && sc.constraints.equity.ageBandMin > 0;
  const field = byBand ? 'constraints.equity.ageBandMin' : 'constraints.equity.blockMin';
  const n = input.equityShare.length;
  const name = (h: number) => (byBand ? `age band ${AGE_BANDS[h]}` : `block ${sc.blocks.ids[h]}`);
  const every = byBand ? 'every age band' : 'every block';
  const what = `${field} asks ${every} to have at least ${pct(floor)} of its weighted demand within reach`;

  // Converting every option at once bounds every plan from above.
  const all = lowestShare(groupShares(input, input.unitGroup, n, new Uint8Array(input.optionSpace.length).fill(1)));
  if (all.share < floor) {
    return new InfeasiblePlanError(`${what}, but even converting every idle space to every service it can host, ${name(all.group)} reaches only ${pct(all.share)}; the best reachable is at most ${pct(all.share)}`, field, floor, [0, all.share]);
  }
  const free = await solve({ ...input, unitGroup: undefined, equityShare: undefined }, opts);
  if (!found(free)) return null; // not the floor alone
  const shareOf = (sel: number[]) => lowestShare(groupShares(input, input.unitGroup!, n, selectionToMask(input.optionSpace.length, sel)));
  let lo = shareOf(free.selected);
  let hi = floor;
  let hiProven = provenOut;
  for (let step = 0; step < 6 && hi - lo.share > 0.005; step++) {
    const mid = (lo.share + hi) / 2;
    const r = await solve({ ...input, equityShare: new Float64Array(n).fill(mid) }, opts);
    if (found(r)) {
      const s = shareOf(r.selected);
      if (s.share > lo.share) lo = s;
      else break;
    } else if (r.status === 'infeasible') {
      hi = mid;
      hiProven = true;
    } else break;
  }
  const high = hiProven ? `; ${pct(hi)} is proven out of reach` : '';
  return new InfeasiblePlanError(`${what}, but under this budget the best reachable is ${pct(lo.share)} (${name(lo.group)} is lowest in a plan that reaches it${high})`, field, floor, [lo.share, hi]);
}

/** Why no plan meets the constraints of model `m`; `provenInfeasible` when the solver proved it. */
export async function diagnoseInfeasible(sc: Scenario, m: SitingModel, provenInfeasible: boolean, opts: DiagnoseOptions = {}): Promise<InfeasiblePlanError> {
  const counted = minCountProblem(sc, m.input);
  if (counted) return counted;
  const equity = await equityProblem(sc, m, opts, provenInfeasible);
  if (equity) return equity;
  const limits = [
    m.input.maxConversions !== undefined ? `budget.maxConversions ${m.input.maxConversions}` : '',
    m.input.budget !== undefined ? `budget.maxCost ${yuan(m.input.budget)}` : '',
    Object.keys(sc.constraints.minCount).length ? `constraints.minCount ${JSON.stringify(sc.constraints.minCount)}` : '',
  ].filter(Boolean);
  return new InfeasiblePlanError(
    provenInfeasible ? `no plan meets all the constraints together (${limits.join(', ') || 'none named'}); relax one of them` : `no plan was found that meets all the constraints (${limits.join(', ') || 'none named'}) within the time limit; infeasibility is not proven`,
  );
}
