/**
 * The heuristic and bounding steps of a coverage solve: each runs one solver on the state's instance,
 * offers its selection to the incumbent, tightens the bound, and notes what it did.
 */
import { greedyState } from '../greedy.ts';
import { multiStartLocal } from '../local/multistart.ts';
import { lagrangianBound, type LagrangianResult } from '../lagrangian.ts';
import { solveCoverageJslp } from '../jslp.ts';
import type { SolveState } from './state.ts';

/** Greedy construction. */
export async function runGreedy(s: SolveState): Promise<void> {
  const st = await s.phase('greedy', () => greedyState(s.inst));
  s.notes.push(`greedy: ${st.covered} with ${st.nOpen} options`);
  s.offer(st.selection(), 'greedy');
}

/** Multi-start local search within `budgetMs` milliseconds. */
export async function runLocal(s: SolveState, budgetMs: number, kicks = s.opts.kicks ?? 30): Promise<void> {
  const r = await s.phase('local', () => multiStartLocal(s.inst, { seed: s.seed, starts: s.starts, threads: s.threads, timeLimitMs: budgetMs, kicks, pool: s.opts.pool }));
  s.notes.push(`local: best ${r.objective} from start ${r.bestStart} of ${r.starts}`);
  s.offer(r.selection, 'local');
}

/** The Lagrangian bound (until `until`, performance.now() ms), and its repaired selection when `keepRepair`. */
export async function runLagrangian(s: SolveState, maxIterations: number, until: number, keepRepair = true): Promise<LagrangianResult> {
  const r = await s.phase('lagrangian', () => lagrangianBound(s.inst, { maxIterations, deadline: until, incumbent: s.incumbent?.objective }));
  s.tighten(r.bound);
  s.notes.push(`lagrangian: bound ${r.bound.toFixed(3)} after ${r.iterations} iterations${keepRepair ? `, repaired ${r.objective}` : ' (bound only)'}`);
  if (keepRepair && r.objective >= 0) s.offer(r.selection, 'lagrangian repair');
  return r;
}

/** javascript-lp-solver, its answer certified by a Lagrangian bound (never trusted as proof). */
export async function runJslp(s: SolveState): Promise<void> {
  const r = await s.phase('jslp', () => solveCoverageJslp(s.inst, { timeLimit: s.left() }));
  s.notes.push(`jslp: ${r.finished ? 'finished' : 'stopped on its timeout'}, objective ${r.objective}`);
  if (r.feasible) s.offer(r.selection, 'jslp');
  await runLagrangian(s, 300, Infinity, false);
  if (!r.feasible && r.finished) s.notes.push('jslp: reports no feasible solution (not proven)');
}
