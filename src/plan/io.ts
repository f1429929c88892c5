/**
 * plan.json: a list of conversions (idle space id -> service ids) with area used and cost. The reader
 * accepts the minimal hand-written form {"conversions": [{"candidate": "C001", "services": ["repair"]}]}
 * and checks ids, allowed services and floor area against the scenario.
 */
import { InputError } from '../core/errors.ts';
import { readJsonFile } from '../io/json.ts';
import { Problems } from '../scenario/rows.ts';
import type { Scenario } from '../scenario/types.ts';
import type { Conversion, Plan } from './types.ts';

export const PLAN_FORMAT = 'quarterhour-plan';

/** Floor area used and cost of one conversion. */
export function conversionCost(sc: Scenario, c: Conversion): { areaM2: number; cost: number } {
  let areaM2 = 0;
  let cost = 0;
  for (const s of c.serviceIndices) {
    areaM2 += sc.services[s].minAreaM2;
    cost += sc.services[s].cost * sc.candidates.costMultiplier[c.candidateIndex];
  }
  return { areaM2, cost };
}

export interface PlanTotals {
  spaces: number;
  conversions: number;
  cost: number;
  areaM2: number;
}

export function planTotals(sc: Scenario, plan: Plan): PlanTotals {
  let cost = 0;
  let areaM2 = 0;
  let conversions = 0;
  for (const c of plan.conversions) {
    const x = conversionCost(sc, c);
    cost += x.cost;
    areaM2 += x.areaM2;
    conversions += c.serviceIndices.length;
  }
  return { spaces: plan.conversions.length, conversions, cost: Math.round(cost), areaM2 };
}

/** The plan.json document (deterministic: conversions in candidate order, services in catalogue order). */
export function planToJson(sc: Scenario, plan: Plan, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const conversions = [...plan.conversions]
      .sort((a, b) => a.candidateIndex - b.candidateIndex)
    .map((c) => {
      const { areaM2, cost } = conversionCost(sc, c);
      const j = c.candidateIndex;
      return {
        candidate: sc.candidates.ids[j],
        name: sc.candidates.names[j],
        kind: sc.candidates.kinds[j],
        services: [...c.serviceIndices].sort((a, b) => a - b).map((s) => sc.services[s].id),
        area_m2_used: areaM2,
        area_m2: sc.candidates.areaM2[j],
        cost: Math.round(cost),
        lon: sc.candidates.lon[j],
        lat: sc.candidates.lat[j],
      };
    });
  return { format: PLAN_FORMAT, version: 1, scenario: sc.name, seed: sc.seed, ...extra, totals: planTotals(sc, plan), conversions };
}

/** Parse and check a plan document against a scenario. */
export function parsePlan(doc: unknown, file: string, sc: Scenario): Plan {
  if (doc === null || typeof doc !== 'object' || !Array.isArray((doc as { conversions?: unknown }).conversions)) {
    throw new InputError(file, 'expected an object with a "conversions" array, e.g. {"conversions": [{"candidate": "C001", "services": ["repair"]}]}', undefined, 'conversions');
  }
  const problems = new Problems();
  const candIndex = new Map(sc.candidates.ids.map((id, j) => [id, j]));
  const seen = new Set<number>();
  const conversions: Conversion[] = [];
  (doc as { conversions: unknown[] }).conversions.forEach((item, i) => {
    const where = `conversions[${i}]`;
    const o = item as { candidate?: unknown; services?: unknown };
    if (o === null || typeof o !== 'object') return problems.add(file, 'expected an object {"candidate": id, "services": [ids]}', where);
    const j = candIndex.get(String(o.candidate));
    if (j === undefined) return problems.add(file, `unknown idle space id ${JSON.stringify(o.candidate)}, expected an id from the scenario's candidates`, where, 'candidate');
    if (seen.has(j)) return problems.add(file, `idle space '${sc.candidates.ids[j]}' appears twice; list all its services in one entry`, where, 'candidate');
    seen.add(j);
    if (!Array.isArray(o.services) || o.services.length === 0) return problems.add(file, 'expected a non-empty array of service ids', where, 'services');
    const allowed = new Set(sc.candidates.allowedIndex.subarray(sc.candidates.allowedOffsets[j], sc.candidates.allowedOffsets[j + 1]));
    const services: number[] = [];
    for (const sid of o.services) {
      const s = sc.serviceIndex.get(String(sid));
      if (s === undefined) problems.add(file, `unknown service id ${JSON.stringify(sid)}`, where, 'services');
      else if (!allowed.has(s)) problems.add(file, `service '${sid}' is not allowed in idle space '${sc.candidates.ids[j]}'`, where, 'services');
      else if (!services.includes(s)) services.push(s);
    }
    const c = { candidateIndex: j, serviceIndices: services.sort((a, b) => a - b) };
    const { areaM2 } = conversionCost(sc, c);
    if (areaM2 > sc.candidates.areaM2[j]) problems.add(file, `the services need ${areaM2} m², idle space '${sc.candidates.ids[j]}' has ${sc.candidates.areaM2[j]} m²`, where, 'services');
    conversions.push(c);
  });
  problems.throwIfAny();
  return { conversions: conversions.sort((a, b) => a.candidateIndex - b.candidateIndex) };
}

export function readPlan(file: string, sc: Scenario): Plan {
  return parsePlan(readJsonFile(file), file, sc);
}
