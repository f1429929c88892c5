/** Options shared by the classic models (LSCP, MCLP, p-median, p-center). */
import type { SolverName } from '../model/result.ts';

export interface ClassicOptions {
  solver?: SolverName;
  /** Seconds (default 60). */
  timeLimit?: number;
  threads?: number;
  seed?: number;
  starts?: number;
  mipRelGap?: number;
  /** Predefined (must-open) site indices. */
  predefined?: number[];
}
