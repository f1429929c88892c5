/**
 * Capacitated maximal covering (cmclp): open p sites to maximise the demand served within `radius`
 * (cost <= radius), each site serving at most its capacity; demand split or single-sourced.
 */
import type { CostMatrix } from '../model/costMatrix.ts';
import { capacitated, type CapacitatedOptions, type CapacitatedResult } from '../capacitated/solve.ts';

export function cmclp(cm: CostMatrix, capacity: Float64Array, radius: number, p: number, opts: CapacitatedOptions = {}): Promise<CapacitatedResult> {
  return capacitated('cmclp', cm, capacity, { ...opts, radius, p });
}
