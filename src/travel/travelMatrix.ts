/** The block x site walking-distance matrix of a scenario, from its network (OSM) or straight lines. */
import type { Pool } from '../parallel/pool.ts';
import type { Scenario } from '../scenario/types.ts';
import { euclideanDistanceMatrix } from './euclidean.ts';
import type { SparseDistanceMatrix } from './matrix.ts';
import { osmTravelMatrix } from './osmMatrix.ts';
import { reachM } from './reach.ts';
import { blockPoints, sitePoints } from './sites.ts';

export interface MatrixOptions {
  threads?: number;
  /** The job's worker pool, for a network matrix on more than one thread (else it makes its own). */
  pool?: Pool;
}

export interface TravelMatrix {
  matrix: SparseDistanceMatrix;
  /** What was reported while building it (e.g. points too far from the network). */
  warnings: string[];
}

export async function computeTravelMatrix(sc: Scenario, cutoffM = reachM(sc), opts: MatrixOptions = {}): Promise<TravelMatrix> {
  void opts;
  if (sc.network.kind === 'euclidean') {
    return { matrix: euclideanDistanceMatrix(blockPoints(sc), sitePoints(sc), sc.network.detourFactor, cutoffM), warnings: [] };
  }
  const { matrix, warnings } = await osmTravelMatrix(sc, cutoffM, opts);
  return { matrix, warnings };
}

/** Convenience: just the matrix. */
export async function computeDistanceMatrix(sc: Scenario, cutoffM = reachM(sc), opts: MatrixOptions = {}): Promise<SparseDistanceMatrix> {
  return (await computeTravelMatrix(sc, cutoffM, opts)).matrix;
}
