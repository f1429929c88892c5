/**
 * The simulation job as the CLI (and `quarterhour run`) use it: distance matrix out to the
 * simulation's reach, simulate, write the outputs atomically.
 */
import path from 'node:path';
import type { Scenario } from '../scenario/types.ts';
import { computeDistanceMatrix } from '../travel/travelMatrix.ts';
import { reachM } from '../travel/reach.ts';
import { writeSimulationOutputs, type TripsFormat, type WrittenOutputs } from './output.ts';
import { simulate } from './simulate.ts';
import type { SimulateOptions, SimulationResult } from './types.ts';

export function defaultSimulateOutDir(scenario: Scenario): string {
  return path.join('results', `${scenario.name}-simulate`);
}

export interface SimulateJobOptions extends SimulateOptions {
  out?: string;
  trips?: TripsFormat;
  reachM?: number;
  log?: (message: string) => void;
}

export interface SimulateJobResult {
  result: SimulationResult;
  written: WrittenOutputs;
  seconds: { matrix: number; simulate: number; write: number };
}

export async function simulateToDir(scenario: Scenario, opts: SimulateJobOptions = {}): Promise<SimulateJobResult> {
  const log = opts.log ?? (() => {});
  const t0 = performance.now();
  const reach = opts.reachM ?? reachM(scenario);
  log(`distance matrix: ${scenario.blocks.count} blocks x ${scenario.facilities.count + scenario.candidates.count} sites within ${Math.round(reach)} m`);
  const matrix = await computeDistanceMatrix(scenario, reach, { threads: opts.threads });
  const t1 = performance.now();
  log(`simulating (${opts.threads ?? 1} thread${(opts.threads ?? 1) > 1 ? 's' : ''}, ${opts.choice ?? 'nearest'} choice)`);
  const result = await simulate(scenario, matrix, { keepResidents: false, ...opts });
  const t2 = performance.now();
  const out = opts.out ?? defaultSimulateOutDir(scenario);
  const written = await writeSimulationOutputs(result, scenario, out, opts.trips ?? 'auto');
  const t3 = performance.now();
  return { result, written, seconds: { matrix: (t1 - t0) / 1000, simulate: (t2 - t1) / 1000, write: (t3 - t2) / 1000 } };
}
