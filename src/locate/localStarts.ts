/** The starts of a multi-start local search; start s uses its own rng seeded from (seed, s). */
import seedrandom from 'seedrandom';
import type { CoverageInstance } from './coverage.ts';
import { localSearchStart } from './localSearch.ts';
import type { LocalSearchTaskResult } from '../../workers/protocol.ts';

export function startRng(seed: number, start: number): () => number {
  return seedrandom.alea(`locate:${seed}:${start}`);
}

export function runStarts(inst: CoverageInstance, seed: number, starts: number[], deadline: number, kicks?: number): LocalSearchTaskResult['results'] {
  return starts.map((s) => ({ start: s, ...localSearchStart(inst, s, startRng(seed, s), deadline, kicks) }));
}
