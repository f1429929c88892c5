/**
 * Plans in the simulation: the shared Plan type (src/plan/types.ts: candidate index -> service
 * indices; plan.json is read by src/plan/io.ts readPlan) and a check of an in-memory plan before
 * its conversions become sites.
 */
import { InputError } from '../core/errors.ts';
import type { Scenario } from '../scenario/types.ts';
import type { Plan } from '../plan/types.ts';

export type { Conversion, Plan } from '../plan/types.ts';
export { EMPTY_PLAN } from '../plan/types.ts';

function isAllowed(scenario: Scenario, c: number, s: number): boolean {
  const { allowedOffsets, allowedIndex } = scenario.candidates;
  for (let k = allowedOffsets[c]; k < allowedOffsets[c + 1]; k++) if (allowedIndex[k] === s) return true;
  return false;
}

/** Check a plan given by indices against the scenario (throws InputError naming `file`, the conversion and the field). */
export function validatePlan(plan: Plan, scenario: Scenario, file = 'plan'): void {
  const seen = new Set<number>();
  plan.conversions.forEach((conv, i) => {
    const c = conv.candidateIndex;
    if (!Number.isInteger(c) || c < 0 || c >= scenario.candidates.count) {
      throw new InputError(file, `candidate index ${c} is out of range 0..${scenario.candidates.count - 1}`, `conversions[${i}]`, 'candidate');
    }
    if (seen.has(c)) throw new InputError(file, `candidate '${scenario.candidates.ids[c]}' appears twice, expected one entry per candidate`, `conversions[${i}]`, 'candidate');
    seen.add(c);
    conv.serviceIndices.forEach((s, j) => {
      if (!Number.isInteger(s) || s < 0 || s >= scenario.services.length) throw new InputError(file, `service index ${s} is out of range`, `conversions[${i}].services[${j}]`);
      if (!isAllowed(scenario, c, s)) {
        throw new InputError(file, `service '${scenario.services[s].id}' is not allowed at candidate '${scenario.candidates.ids[c]}'`, `conversions[${i}].services[${j}]`);
      }
    });
    if (new Set(conv.serviceIndices).size !== conv.serviceIndices.length) throw new InputError(file, 'lists a service twice', `conversions[${i}]`, 'services');
  });
}
