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

/** One equity floor of the scenario: the field, the share asked, and its grouping of the units. */
interface Floor {
  field: string;
  requested: number;
  groupOf: Int32Array;
  n: number;
  /** A group's name ('age band 75+', 'block B0001'), and the floor's 'every ...'. */
  name: (h: number) => string;
  every: string;
  kind: 'age band' | 'block';
}

/** The floors of the siting input: the first grouping, then the further ones (blocks beside age bands). */
function floorsOf(sc: Scenario, input: SitingInput): Floor[] {
  const byBand = sc.constraints.equity.ageBandMin !== undefined && sc.constraints.equity.ageBandMin > 0;
  const band = (groupOf: Int32Array, n: number, requested: number): Floor => ({ field: 'constraints.equity.ageBandMin', requested, groupOf, n, name: (h) => `age band ${AGE_BANDS[h]}`, every: 'every age band', kind: 'age band' });
  const block = (groupOf: Int32Array, n: number, requested: number): Floor => ({ field: 'constraints.equity.blockMin', requested, groupOf, n, name: (h) => `block ${sc.blocks.ids[h]}`, every: 'every block', kind: 'block' });
  const out: Floor[] = [];
  if (input.unitGroup && input.equityShare && input.equityShare.length > 0) out.push((byBand ? band : block)(input.unitGroup, input.equityShare.length, input.equityShare[0]));
  for (const g of input.equityGroupings ?? []) if (g.equityShare.length > 0) out.push(block(g.unitGroup, g.equityShare.length, g.equityShare[0]));
  return out;
}

/** The siting input with exactly these floors (the first as unitGroup/equityShare, the others as further groupings). */
function withFloors(input: SitingInput, floors: [Floor, number][]): SitingInput {
  const [first, ...rest] = floors;
  return {
    ...input,
    unitGroup: first ? first[0].groupOf : undefined,
    equityShare: first ? new Float64Array(first[0].n).fill(first[1]) : undefined,
    equityGroupings: rest.length ? rest.map(([f, share]) => ({ unitGroup: f.groupOf, equityShare: new Float64Array(f.n).fill(share), name: f.kind })) : undefined,
  };
}

/**
 * The best reachable share of floor `f` with the floors `others` kept, bracketed by re-solves: a plan
 * found proves the low end, a proven-infeasible model the high end. Null when the others alone fail.
 */
async function bracket(input: SitingInput, f: Floor, others: [Floor, number][], opts: DiagnoseOptions, provenOut: boolean) {
  const free = await solve(withFloors(input, others), opts);
  if (!found(free)) return null;
  const shareOf = (sel: number[]) => lowestShare(groupShares(input, f.groupOf, f.n, selectionToMask(input.optionSpace.length, sel)));
  let lo = shareOf(free.selected);
  let hi = f.requested;
  let hiProven = provenOut;
  for (let step = 0; step < 6 && hi - lo.share > 0.005; step++) {
    const mid = (lo.share + hi) / 2;
    const r = await solve(withFloors(input, [[f, mid], ...others]), opts);
    if (found(r)) {
      const s = shareOf(r.selected);
      if (s.share > lo.share) lo = s;
      else break;
    } else if (r.status === 'infeasible') {
      hi = mid;
      hiProven = true;
    } else break;
  }
  return { lo, hi, hiProven };
}

/** One floor's problem, under the budget alone (the message of a scenario with that floor only). */
async function oneFloorProblem(input: SitingInput, f: Floor, opts: DiagnoseOptions, provenOut: boolean): Promise<InfeasiblePlanError | null> {
  const what = `${f.field} asks ${f.every} to have at least ${pct(f.requested)} of its weighted demand within reach`;
  const b = await bracket(input, f, [], opts, provenOut);
  if (!b) return null; // not the floor alone
  const high = b.hiProven ? `; ${pct(b.hi)} is proven out of reach` : '';
  return new InfeasiblePlanError(`${what}, but under this budget the best reachable is ${pct(b.lo.share)} (${f.name(b.lo.group)} is lowest in a plan that reaches it${high})`, f.field, f.requested, [b.lo.share, b.hi]);
}

/** The equity floors' problem: a floor out of reach even with every option open, one floor alone, or two together; null when no floor is the culprit. */
async function equityProblem(sc: Scenario, m: SitingModel, opts: DiagnoseOptions, provenOut: boolean): Promise<InfeasiblePlanError | null> {
  const { input } = m;
  const floors = floorsOf(sc, input);
  if (floors.length === 0) return null;
  // Converting every option at once bounds every plan from above.
  for (const f of floors) {
    const all = lowestShare(groupShares(input, f.groupOf, f.n, new Uint8Array(input.optionSpace.length).fill(1)));
    if (all.share < f.requested) {
      const what = `${f.field} asks ${f.every} to have at least ${pct(f.requested)} of its weighted demand within reach`;
      return new InfeasiblePlanError(`${what}, but even converting every idle space to every service it can host, ${f.name(all.group)} reaches only ${pct(all.share)}; the best reachable is at most ${pct(all.share)}`, f.field, f.requested, [0, all.share]);
    }
  }
  if (floors.length === 1) return oneFloorProblem(input, floors[0], opts, provenOut);
  // Several floors: first each alone under the budget, then together.
  for (const f of floors) {
    const alone = await solve(withFloors(input, [[f, f.requested]]), opts);
    if (found(alone)) continue;
    const e = await oneFloorProblem(input, f, opts, alone.status === 'infeasible');
    if (e) return e;
  }
  const [f, ...rest] = floors;
  const kept: [Floor, number][] = rest.map((g) => [g, g.requested]);
  const b = await bracket(input, f, kept, opts, provenOut);
  if (!b) return null;
  const others = rest.map((g) => `${g.field} (${pct(g.requested)} for ${g.every})`).join(' and ');
  const high = b.hiProven ? `; ${pct(b.hi)} is proven out of reach` : '';
  return new InfeasiblePlanError(
    `${f.field} (${pct(f.requested)} for ${f.every}) and ${others} cannot be met together: each alone can, but keeping ${rest.map((g) => `${g.every} at ${pct(g.requested)}`).join(' and ')}, the best reachable for ${f.every} is ${pct(b.lo.share)} (${f.name(b.lo.group)} is lowest in a plan that reaches it${high})`,
    'constraints.equity', f.requested, [b.lo.share, b.hi]);
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
