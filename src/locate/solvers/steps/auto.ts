/**
 * The `auto` recipe of a coverage solve: on a large instance, first merge units with identical
 * covering sets and solve the merged one (runMergedFirst); local search; stop if the simple bound already proves it;
 * a Lagrangian bound (stop if it proves it); reduce the instance (merge units, drop dominated options,
 * fix options by the bound); then, when the reduced model is small enough and time is left: on a
 * plain-cardinality instance LP probing (from 40 options, within 30% of the time left) then our own
 * branch-and-bound (steps/tree.ts) on what probing left; otherwise LP probing followed by HiGHS (from
 * 40 options), or HiGHS alone.
 */
import { fixByBound } from '../lagrangian.ts';
import { reduceCoverage } from '../../model/reduce.ts';
import { runLagrangian, runLocal } from './heuristics.ts';
import { runExact, runProbeThenExact } from './exact.ts';
import { runTree } from './tree.ts';
import { treeApplies } from '../tree/search.ts';
import { SolveState } from './state.ts';

/** Probing pays only beyond this many options (below, HiGHS alone is quick). */
const PROBE_MIN_OPTIONS = 40;
/** Share of the time left that LP probing may take before the branch-and-bound. */
const PROBE_SHARE_BEFORE_TREE = 0.3;

/** From this many units, auto first merges units with identical covering sets and solves the merged instance. */
const MERGE_FIRST_MIN_UNITS = 50_000;

/**
 * A large instance whose units repeat covering sets (a million points, a hundred sites): merge them
 * (and drop dominated options; the optimum is unchanged), run auto on the merged instance, and map
 * its selection back (re-evaluated on this instance by `offer`). False when merging does not halve it.
 */
async function runMergedFirst(s: SolveState): Promise<boolean> {
  const { inst } = s;
  if (inst.nUnits < MERGE_FIRST_MIN_UNITS || (s.opts.initial?.length ?? 0) > 0) return false;
  const red = await s.phase('merge', () => reduceCoverage(inst, { deadline: performance.now() + 50 * s.timeLimit }));
  s.notes.push(`merge: ${red.unitsBefore} -> ${red.instance.nUnits} units (identical covering sets), ${red.dominatedOptions} dominated options dropped`);
  if (red.instance.nUnits > 0.5 * inst.nUnits) return false;
  const sub = new SolveState(red.instance, { ...s.opts, timeLimit: Math.max(0.1, s.left()) });
  await runAuto(sub);
  for (const n of sub.notes) s.notes.push(n);
  for (const [k, v] of Object.entries(sub.timings)) s.timings[k] = (s.timings[k] ?? 0) + v;
  if (sub.incumbent) s.offer(Array.from(sub.incumbent.selection, (k) => red.optionMap[k]), 'auto on the merged instance');
  s.tighten(sub.bound); // the merged instance has the same optimum (and the same pre-covered weight, excluded here)
  if (sub.proven && s.incumbent && sub.incumbent && s.incumbent.objective >= sub.incumbent.objective) s.proven = true;
  if (sub.hitLimit) s.hitLimit = true;
  if (sub.infeasible && !s.incumbent) s.infeasible = true;
  return true;
}

export async function runAuto(s: SolveState): Promise<void> {
  const { inst, opts, t0, timeLimit } = s;
  if (await runMergedFirst(s)) return;
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
  else if ((opts.tree ?? true) && inc && treeApplies(red.instance)) {
    // Probing first (when it pays, within a third of the time), then the tree on what it left.
    if ((opts.probe ?? true) && red.instance.nOptions >= PROBE_MIN_OPTIONS) await runProbeThenExact(s, red, inc.objective, PROBE_SHARE_BEFORE_TREE, (target, pool) => runTree(s, target, inc, pool));
    else await runTree(s, red, inc);
  }
  else if ((opts.probe ?? true) && inc && red.instance.nOptions >= PROBE_MIN_OPTIONS) await runProbeThenExact(s, red, inc.objective);
  else await runExact(s, red.instance, red.optionMap, red.fixedZero + red.fixedOne > 0, opts.pool);
}
