/** Where two plans differ: spaces one uses and the other does not, and the same space with different services. */
import type { Plan } from '../plan/types.ts';
import type { Scenario } from '../scenario/types.ts';
import type { PlanDifference, SpaceUse } from './types.ts';

function use(sc: Scenario, candidate: number, services: number[]): SpaceUse {
  return { candidate: sc.candidates.ids[candidate], name: sc.candidates.names[candidate], services: serviceIds(sc, services) };
}

function serviceIds(sc: Scenario, services: number[]): string[] {
  return [...services].sort((a, b) => a - b).map((s) => sc.services[s].id);
}

export function planDifference(sc: Scenario, plan: Plan, ref: Plan, planLabel: string, refLabel: string): PlanDifference {
  const a = new Map(plan.conversions.map((c) => [c.candidateIndex, c.serviceIndices]));
  const b = new Map(ref.conversions.map((c) => [c.candidateIndex, c.serviceIndices]));
  const spaces = [...new Set([...a.keys(), ...b.keys()])].sort((x, y) => x - y);
  const diff: PlanDifference = { plan: planLabel, reference: refLabel, onlyInPlan: [], onlyInReference: [], differentServices: [], same: 0 };
  for (const j of spaces) {
    const sa = a.get(j);
    const sb = b.get(j);
    if (sa && !sb) diff.onlyInPlan.push(use(sc, j, sa));
    else if (sb && !sa) diff.onlyInReference.push(use(sc, j, sb));
    else if (sa && sb) {
      const ia = serviceIds(sc, sa);
      const ib = serviceIds(sc, sb);
      if (ia.join(';') === ib.join(';')) diff.same++;
      else diff.differentServices.push({ candidate: sc.candidates.ids[j], name: sc.candidates.names[j], plan: ia, reference: ib });
    }
  }
  return diff;
}
