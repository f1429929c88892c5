/**
 * The `auto` recipe of a coverage solve: local search; stop if the simple bound already proves it;
 * a Lagrangian bound (stop if it proves it); reduce the instance (merge units, drop dominated options,
 * fix options by the bound); then, when the reduced model is small enough and time is left, LP probing
 * followed by HiGHS (from 40 options), or HiGHS alone.
 */
import { fixByBound } from '../lagrangian.ts';
import { reduceCoverage } from '../../model/reduce.ts';
import { runLagrangian, runLocal } from './heuristics.ts';
import { runExact, runProbeThenExact } from './exact.ts';
import type { SolveState } from './state.ts';

/** Probing pays only beyond this many options (below, HiGHS alone is quick). */
const PROBE_MIN_OPTIONS = 40;

export async function runAuto(s: SolveState): Promise<void> {
  const { inst, opts, t0, timeLimit } = s;
  let feasible = 0;
  for (const sel of opts.initial ?? []) if (s.offerQuietly(sel)) feasible++;
  if (feasible > 0) s.notes.push(`auto: started from the best of ${feasible} given feasible selections (${s.incumbent!.objective}), no local search`);
  else await runLocal(s, timeLimit * 200, opts.kicks ?? 100);
  if (s.boundMeetsIncumbent()) {
    s.notes.push('auto: the incumbent meets the simple bound (every coverable unit covered, or the p largest options disjoint)');
    return;
  }
  const lag = await runLagrangian(s, 300, t0 + timeLimit * 450);
  if (s.boundMeetsIncumbent()) return;
  const inc = s.incumbent;
  const fix = inc && lag.lambda ? fixByBound(inst, lag.lambda, inc.objective) : null;
  const red = await s.phase('reduce', () => reduceCoverage(inst, { fixZero: fix?.zero, fixOne: fix?.one, deadline: t0 + timeLimit * 550 }));
  s.notes.push(`reduce: ${red.unitsBefore} -> ${red.instance.nUnits} units, ${red.optionsBefore} -> ${red.instance.nOptions} options (${red.dominatedOptions} dominated, ${red.fixedZero} closed and ${red.fixedOne} opened by the bound)`);
  const nnz = red.instance.coverOptions.length;
  const maxNnz = opts.exactMaxNonzeros ?? 2_000_000;
  if (nnz > maxNnz) s.notes.push(`exact: skipped, reduced model has ${nnz} nonzeros > ${maxNnz}`);
  else if (s.left() < 0.2) s.notes.push('exact: skipped, no time left');
  else if ((opts.probe ?? true) && inc && red.instance.nOptions >= PROBE_MIN_OPTIONS) await runProbeThenExact(s, red, inc.objective);
  else await runExact(s, red.instance, red.optionMap, red.fixedZero + red.fixedOne > 0, opts.pool);
}
