/** Maximal covering location (MCLP): open p sites to maximise the weight within `radius` (cost <= radius). */
import { coverageFromCosts, type CostMatrix } from '../model/costMatrix.ts';
import { solveCoverage } from '../solvers/solveCoverage.ts';
import type { LocateResult } from '../model/result.ts';
import type { ClassicOptions } from './common.ts';

export async function mclp(cm: CostMatrix, radius: number, p: number, opts: ClassicOptions = {}): Promise<LocateResult> {
  const predefined = opts.predefined ?? [];
  if (predefined.length > p) throw new RangeError(`${predefined.length} predefined sites exceed p = ${p}`);
  const inst = coverageFromCosts(cm, radius, { maxOpen: p, mustOpen: predefined });
  return solveCoverage(inst, { ...opts, model: 'mclp' });
}
