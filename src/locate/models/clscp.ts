/**
 * Capacitated location set covering (clscp): the fewest sites such that every client some site can
 * reach (cost <= radius) is fully served within reach, each site serving at most its capacity.
 */
import type { CostMatrix } from '../model/costMatrix.ts';
import { capacitated, type CapacitatedOptions, type CapacitatedResult } from '../capacitated/solve.ts';

export function clscp(cm: CostMatrix, capacity: Float64Array, radius: number, opts: CapacitatedOptions = {}): Promise<CapacitatedResult> {
  return capacitated('clscp', cm, capacity, { ...opts, radius });
}
