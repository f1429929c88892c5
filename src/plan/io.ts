/**
 * plan.json: a list of conversions (idle space id -> service ids, with their Chinese names in
 * `services_zh` and `kind_zh`) with area used and cost (CNY, 元). The reader
 * accepts the minimal hand-written form {"conversions": [{"candidate": "C001", "services": ["repair"]}]},
 * resolves the ids and checks the plan with the plan validator (validate.ts).
 */
import { InputError } from '../core/errors.ts';
import { candidateKindName, serviceName } from '../i18n/terms.ts';
import { readJsonFile } from '../io/json.ts';
import { Problems } from '../scenario/rows.ts';
import type { Scenario } from '../scenario/types.ts';
import { conversionCost } from './cost.ts';
import type { Conversion, Plan } from './types.ts';
import { checkConversions } from './validate.ts';

export const PLAN_FORMAT = 'quarterhour-plan';

export interface PlanTotals {
  spaces: number;
  conversions: number;
  /** CNY (元). */
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
        services_zh: [...c.serviceIndices].sort((a, b) => a - b).map((s) => serviceName('zh', sc.services[s].id, sc.services[s].name)),
        kind_zh: candidateKindName('zh', sc.candidates.kinds[j]),
        area_m2_used: areaM2,
        area_m2: sc.candidates.areaM2[j],
        /** CNY (元). */
        cost: Math.round(cost),
        lon: sc.candidates.lon[j],
        lat: sc.candidates.lat[j],
      };
    });
  return { format: PLAN_FORMAT, version: 1, scenario: sc.name, seed: sc.seed, ...extra, totals: planTotals(sc, plan), conversions };
}

/** Parse a plan document: resolve its ids to indices, then check it against the scenario (validate.ts). */
export function parsePlan(doc: unknown, file: string, sc: Scenario): Plan {
  if (doc === null || typeof doc !== 'object' || !Array.isArray((doc as { conversions?: unknown }).conversions)) {
    throw new InputError(file, 'expected an object with a "conversions" array, e.g. {"conversions": [{"candidate": "C001", "services": ["repair"]}]}', undefined, 'conversions');
  }
  const problems = new Problems();
  const candIndex = new Map(sc.candidates.ids.map((id, j) => [id, j]));
  const conversions: Conversion[] = [];
  /** Position in the document of each resolved conversion. */
  const entry: number[] = [];
  (doc as { conversions: unknown[] }).conversions.forEach((item, i) => {
    const where = `conversions[${i}]`;
    const o = item as { candidate?: unknown; services?: unknown };
    if (o === null || typeof o !== 'object') return problems.add(file, 'expected an object {"candidate": id, "services": [ids]}', where);
    const j = candIndex.get(String(o.candidate));
    if (j === undefined) return problems.add(file, `unknown idle space id ${JSON.stringify(o.candidate)}, expected an id from the scenario's candidates`, where, 'candidate');
    if (!Array.isArray(o.services)) return problems.add(file, 'expected an array of service ids', where, 'services');
    const services: number[] = [];
    o.services.forEach((sid, k) => {
      const s = sc.serviceIndex.get(String(sid));
      if (s === undefined) problems.add(file, `unknown service id ${JSON.stringify(sid)}`, `${where}.services[${k}]`);
      else services.push(s);
    });
    if (services.length < o.services.length) return;
    conversions.push({ candidateIndex: j, serviceIndices: services });
    entry.push(i);
  });
  checkConversions(sc, conversions, file, problems, (k) => `conversions[${entry[k]}]`);
  problems.throwIfAny();
  return { conversions: conversions.map((c) => ({ candidateIndex: c.candidateIndex, serviceIndices: [...c.serviceIndices].sort((a, b) => a - b) })).sort((a, b) => a.candidateIndex - b.candidateIndex) };
}

export function readPlan(file: string, sc: Scenario): Plan {
  return parsePlan(readJsonFile(file), file, sc);
}
