/**
 * Capacitated p-median (cpmedian): open p sites and serve every client, minimising the total weighted
 * cost, each site serving at most its capacity; demand split or single-sourced.
 */
import type { CostMatrix } from '../model/costMatrix.ts';
import { capacitated, type CapacitatedOptions, type CapacitatedResult } from '../capacitated/solve.ts';

export function cpmedian(cm: CostMatrix, capacity: Float64Array, p: number, opts: CapacitatedOptions = {}): Promise<CapacitatedResult> {
  return capacitated('cpmedian', cm, capacity, { ...opts, p });
}
