/**
 * Location set covering (LSCP): the fewest sites (least total cost) so that every client that some
 * site can reach within `radius` is covered; clients no site reaches are reported as uncoverable.
 * exact/auto/jslp: HiGHS MILP (jslp is mapped to HiGHS, see notes); greedy/local/lagrangian: greedy
 * set cover with redundant sites dropped, bounded below by a packing of clients with pairwise
 * disjoint covering sets (each needs its own site).
 */
import { coverageFromCosts, type CostMatrix } from '../model/costMatrix.ts';
import type { CoverageInstance } from '../model/coverage.ts';
import { setCoverLp } from '../model/lpFormat.ts';
import { runHighs } from '../solvers/highs/highs.ts';
import { readHighs } from '../solvers/highs/outcome.ts';
import { greedySetCover, packingBound } from '../solvers/setCover.ts';
import { boundProvesOptimal, makeResult, type LocateResult, type SolveStatus } from '../model/result.ts';
import { coverAssignment, totalWeight, uncoverableWeight } from '../model/evaluate.ts';
import type { ClassicOptions } from './common.ts';

export async function lscpCoverage(inst: CoverageInstance, opts: ClassicOptions = {}): Promise<LocateResult> {
  const t0 = performance.now();
  const solver = opts.solver ?? 'auto';
  const notes: string[] = [];
  const timings: Record<string, number> = {};
  let sel = greedySetCover(inst);
  const costOf = (s: number[]): number => s.reduce((a, k) => a + inst.cost[k], 0);
  let objective = costOf(sel);
  let bound = packingBound(inst);
  timings.greedy = performance.now() - t0;
  notes.push(`greedy set cover: ${objective}; packing lower bound ${bound}`);
  let hitLimit = false;
  let integral = true;
  for (let k = 0; k < inst.nOptions; k++) if (!Number.isInteger(inst.cost[k])) integral = false;
  if (solver === 'auto' || solver === 'exact' || solver === 'jslp') {
    if (solver === 'jslp') notes.push('jslp: LSCP is solved with HiGHS');
    const s = performance.now();
    const r = await runHighs(setCoverLp(inst), { timeLimit: opts.timeLimit ?? 60, mipRelGap: opts.mipRelGap, start: sel, nOptions: inst.nOptions });
    const o = readHighs(r);
    timings.exact = performance.now() - s;
    notes.push(`exact (HiGHS): ${o.label}, objective ${r.objective}, dual bound ${r.dualBound}`);
    if (o.hitLimit) hitLimit = true;
    if (o.hasSolution && r.objective < objective) {
      sel = r.selected;
      objective = costOf(sel);
    }
    if (o.hasBound && r.dualBound > bound) bound = r.dualBound;
  }
  if (bound > objective) bound = objective;
  const status: SolveStatus = boundProvesOptimal(objective, bound, 'min', integral) ? 'optimal' : hitLimit ? 'time-limit' : 'feasible';
  const total = totalWeight(inst);
  const unc = uncoverableWeight(inst);
  return makeResult({
    model: 'lscp',
    solver,
    sense: 'min',
    status,
    objective,
    bound,
    selected: sel,
    optionIds: inst.optionIds,
    assignment: coverAssignment(inst, sel),
    coveredWeight: total - unc,
    totalWeight: total,
    uncoverableWeight: unc,
    timings,
    t0,
    notes,
    seed: opts.seed ?? 1,
  });
}

export function lscp(cm: CostMatrix, radius: number, opts: ClassicOptions = {}): Promise<LocateResult> {
  return lscpCoverage(coverageFromCosts(cm, radius, { mustOpen: opts.predefined }), opts);
}
