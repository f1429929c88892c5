/**
 * Static coverage of a scenario's residents by its open sites (existing facilities plus an optional
 * plan): the nearest open site offering each service, then the coverage table and its summary. A job
 * that already holds the nearest distances (today's, in its context) passes them in instead of
 * computing them again.
 */
import type { Plan } from '../plan/types.ts';
import type { Scenario } from '../scenario/types.ts';
import type { SparseDistanceMatrix } from '../travel/matrix.ts';
import { siteCatalogue } from '../travel/sites.ts';
import { nearestMetres } from './nearest.ts';
import { coverageTable, summarizeCoverage, type CoverageSummary, type CoverageTable } from './residential.ts';

export interface StaticCoverage {
  table: CoverageTable;
  summary: CoverageSummary;
}

/** Metres from each block to the nearest site offering each service once `plan` is carried out (by default, today's). */
export function nearestOpen(sc: Scenario, matrix: SparseDistanceMatrix, plan?: Plan): Float64Array {
  return nearestMetres(matrix, siteCatalogue(sc, plan), sc.services.length);
}

/** Coverage from nearest distances already computed (row-major blocks x services metres, nearestOpen). */
export function coverageFromNearest(sc: Scenario, nearest: Float64Array): StaticCoverage {
  const table = coverageTable(sc, nearest);
  return { table, summary: summarizeCoverage(sc, table) };
}

export function staticCoverage(sc: Scenario, matrix: SparseDistanceMatrix, plan?: Plan): StaticCoverage {
  return coverageFromNearest(sc, nearestOpen(sc, matrix, plan));
}
