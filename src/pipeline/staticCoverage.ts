/** Coverage of a scenario's residents by its open sites (existing facilities plus an optional plan). */
import { nearestMetres } from '../coverage/nearest.ts';
import { coverageTable, summarizeCoverage, type CoverageSummary, type CoverageTable } from '../coverage/residential.ts';
import { siteServices } from '../coverage/supply.ts';
import type { Plan } from '../plan/types.ts';
import type { Scenario } from '../scenario/types.ts';
import type { SparseDistanceMatrix } from '../travel/matrix.ts';

export interface StaticCoverage {
  table: CoverageTable;
  summary: CoverageSummary;
}

export function staticCoverage(sc: Scenario, matrix: SparseDistanceMatrix, plan?: Plan): StaticCoverage {
  const nearest = nearestMetres(matrix, siteServices(sc, plan), sc.services.length);
  const table = coverageTable(sc, nearest);
  return { table, summary: summarizeCoverage(sc, table) };
}
