/** The starts of a multi-start local search; start s uses its own rng seeded from (seed, s). */
import seedrandom from 'seedrandom';
import type { CoverageInstance } from '../../model/coverage.ts';
import { localSearchStart } from './localSearch.ts';
import type { SharedCoverage } from '../../model/sharedCoverage.ts';

/** A chunk of the starts of a multi-start local search, on a coverage instance in shared memory (workers/localsearch.ts). */
export interface LocalSearchTask {
  kind: 'localsearch';
  /** The instance: its arrays packed in one shared buffer, and its scalars. */
  instance: SharedCoverage;
  seed: number;
  starts: number[];
  deadline: number; // milliseconds from the task's arrival
  /** Iterated-local-search kicks per start. */
  kicks?: number;
}

export interface LocalSearchTaskResult {
  results: { start: number; objective: number; selection: number[]; sweeps: number }[];
}

export function startRng(seed: number, start: number): () => number {
  return seedrandom.alea(`locate:${seed}:${start}`);
}

export function runStarts(inst: CoverageInstance, seed: number, starts: number[], deadline: number, kicks?: number): LocalSearchTaskResult['results'] {
  return starts.map((s) => ({ start: s, ...localSearchStart(inst, s, startRng(seed, s), deadline, kicks) }));
}
