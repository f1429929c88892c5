/** Which services each site offers — existing facilities plus a plan's conversions — as CSR over sites. */
import type { Plan } from '../plan/types.ts';
import type { Scenario } from '../scenario/types.ts';

export interface SiteServices {
  offsets: Int32Array;
  services: Int32Array;
}

export function siteServices(sc: Scenario, plan?: Plan): SiteServices {
  const F = sc.facilities.count;
  const n = F + sc.candidates.count;
  const extra: number[][] = Array.from({ length: sc.candidates.count }, () => []);
  for (const c of plan?.conversions ?? []) extra[c.candidateIndex].push(...c.serviceIndices);
  const offsets = new Int32Array(n + 1);
  const list: number[] = [];
  for (let j = 0; j < n; j++) {
    if (j < F) for (let k = sc.facilities.serviceOffsets[j]; k < sc.facilities.serviceOffsets[j + 1]; k++) list.push(sc.facilities.serviceIndex[k]);
    else list.push(...[...new Set(extra[j - F])].sort((a, b) => a - b));
    offsets[j + 1] = list.length;
  }
  return { offsets, services: Int32Array.from(list) };
}
