/**
 * The plan validator: the one check of a plan against its scenario, whichever way the plan arrives —
 * read from plan.json (io.ts parsePlan, once its ids are resolved to indices) or handed to simulate()
 * in memory. Every conversion must name a candidate space that exists and appears once, and at least
 * one service; each service must exist, fit the space's floor area (said first: an allowed list of '*'
 * holds only the services that fit), be allowed in that space and be listed once; and the services'
 * floor areas together must fit the space. Problems name the file, the conversion (`conversions[i]`, or the
 * service `conversions[i].services[j]`) and the field.
 */
import { Problems } from '../scenario/rows.ts';
import type { Scenario } from '../scenario/types.ts';
import { conversionCost } from './cost.ts';
import type { Conversion, Plan } from './types.ts';

/** Where conversion k stands in its file (by default `conversions[k]`). */
export type ConversionPlace = (k: number) => string;

const listed: ConversionPlace = (k) => `conversions[${k}]`;

/** Report every problem of `conversions` into `problems`. */
export function checkConversions(sc: Scenario, conversions: readonly Conversion[], file: string, problems: Problems, place: ConversionPlace = listed): void {
  const seen = new Set<number>();
  conversions.forEach((conv, k) => {
    const where = place(k);
    const c = conv.candidateIndex;
    if (!Number.isInteger(c) || c < 0 || c >= sc.candidates.count) return problems.add(file, `candidate index ${c} is out of range 0..${sc.candidates.count - 1}`, where, 'candidate');
    const space = sc.candidates.ids[c];
    if (seen.has(c)) return problems.add(file, `candidate '${space}' appears twice; list all its services in one entry`, where, 'candidate');
    seen.add(c);
    if (conv.serviceIndices.length === 0) return problems.add(file, 'lists no service, expected at least one', where, 'services');
    const allowed = new Set(sc.candidates.allowedIndex.subarray(sc.candidates.allowedOffsets[c], sc.candidates.allowedOffsets[c + 1]));
    let valid = true;
    conv.serviceIndices.forEach((s, j) => {
      const at = `${where}.services[${j}]`;
      if (!Number.isInteger(s) || s < 0 || s >= sc.services.length) problems.add(file, `service index ${s} is out of range 0..${sc.services.length - 1}`, at);
      else if (!allowed.has(s) && sc.services[s].minAreaM2 > sc.candidates.areaM2[c]) problems.add(file, `service '${sc.services[s].id}' needs ${sc.services[s].minAreaM2} m² of floor area, candidate '${space}' has ${sc.candidates.areaM2[c]} m²`, at);
      else if (!allowed.has(s)) problems.add(file, `service '${sc.services[s].id}' is not allowed at candidate '${space}'`, at);
      else if (conv.serviceIndices.indexOf(s) < j) problems.add(file, `service '${sc.services[s].id}' is listed twice`, at);
      else return;
      valid = false;
    });
    if (!valid) return;
    const { areaM2 } = conversionCost(sc, conv);
    if (areaM2 > sc.candidates.areaM2[c]) problems.add(file, `the services need ${areaM2} m², candidate '${space}' has ${sc.candidates.areaM2[c]} m²`, where, 'services');
  });
}

/** Check a plan given by indices (throws an InputError, or InputErrors listing several, naming `file`). */
export function validatePlan(plan: Plan, sc: Scenario, file = 'plan'): void {
  const problems = new Problems();
  checkConversions(sc, plan.conversions, file, problems);
  problems.throwIfAny();
}
