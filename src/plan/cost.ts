/** What a conversion takes: the floor area its services need and what they cost at its space. */
import type { Scenario } from '../scenario/types.ts';
import type { Conversion } from './types.ts';

/** Floor area used (the services' minimum areas, m²) and cost (service cost x the space's multiplier) of one conversion. */
export function conversionCost(sc: Scenario, c: Conversion): { areaM2: number; cost: number } {
  let areaM2 = 0;
  let cost = 0;
  for (const s of c.serviceIndices) {
    areaM2 += sc.services[s].minAreaM2;
    cost += sc.services[s].cost * sc.candidates.costMultiplier[c.candidateIndex];
  }
  return { areaM2, cost };
}
