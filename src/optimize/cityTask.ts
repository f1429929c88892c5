/**
 * The worker task of the city-scale solve (workers/cityHighs.ts): one LP or MILP given as flat arrays
 * (no LP text to write and parse), solved by HiGHS WebAssembly; the answer carries the
 * column values, the row duals (LP) and the MIP dual bound.
 */

export interface CityHighsTask {
  kind: 'city-highs';
  numCols: number;
  numRows: number;
  /** Maximised. */
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  /** ±Infinity for a side without a bound. */
  rowLower: Float64Array;
  rowUpper: Float64Array;
  /** The constraint matrix by rows (CSR). */
  starts: Int32Array;
  indices: Int32Array;
  values: Float64Array;
  /** Per column: 1 integer, 0 continuous; absent: an LP. */
  integrality?: Int32Array;
  /** A feasible start for the MIP (column values; columns left NaN are for HiGHS to complete). */
  start?: Float64Array;
  /** HiGHS options (time_limit, mip_rel_gap, solver, ...). */
  options: Record<string, number | string | boolean>;
}

export interface CityHighsResult {
  /** HiGHS model status name (src/locate/solvers/highs/outcome.ts). */
  modelStatus: string;
  hasSolution: boolean;
  objective: number;
  /** MIP dual bound, or the LP optimum; NaN when unknown. */
  dualBound: number;
  colValue: Float64Array;
  /** LP row duals (empty for a MIP). */
  rowDual: Float64Array;
  seconds: number;
}
