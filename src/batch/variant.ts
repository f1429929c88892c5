/** Applying one batch run's parameters to a loaded scenario: budget, seed, ageing shift, walking speeds, catalogue variant. */
import { N_AGE_BANDS } from '../core/ageBands.ts';
import { InputError } from '../core/errors.ts';
import type { Scenario } from '../scenario/types.ts';
import type { CatalogueVariant, RunSpec } from './spec.ts';

/**
 * Move `shift` of each block's residents in every age band up one band ("the same district, later"):
 * new[0] = (1 - x) s[0]; new[b] = (1 - x) s[b] + x s[b - 1] for 1 <= b <= 4; new[5] = s[5] + x s[4].
 * The shares still sum to 1; populations are unchanged.
 */
export function ageShares(shares: Float64Array, shift: number): Float64Array {
  const out = new Float64Array(shares.length);
  for (let i = 0; i < shares.length; i += N_AGE_BANDS) {
    for (let b = 0; b < N_AGE_BANDS; b++) {
      const stay = b === N_AGE_BANDS - 1 ? shares[i + b] : (1 - shift) * shares[i + b];
      const arrive = b > 0 ? shift * shares[i + b - 1] : 0;
      out[i + b] = stay + arrive;
    }
  }
  return out;
}

function applyCatalogue(sc: Scenario, name: string, v: CatalogueVariant, file: string): void {
  for (const [field, key] of [['thresholdMin', 'thresholdMin'], ['cost', 'cost'], ['minAreaM2', 'minAreaM2']] as const) {
    for (const [sid, value] of Object.entries(v[field] ?? {})) {
      const s = sc.serviceIndex.get(sid);
      if (s === undefined) throw new InputError(file, `unknown service id '${sid}' for scenario '${sc.name}'`, undefined, `catalogues.${name}.${field}.${sid}`);
      if (typeof value !== 'number' || !(value >= 0)) throw new InputError(file, `is ${JSON.stringify(value)}, expected a number >= 0`, undefined, `catalogues.${name}.${field}.${sid}`);
      sc.services[s] = { ...sc.services[s], [key]: value };
    }
  }
  if (v.minAreaM2) {
    // floor areas changed: recompute which services fit each space whose 'allowed' was "any that fits"
    const c = sc.candidates;
    const allowed: number[] = [];
    const offsets = new Int32Array(c.count + 1);
    for (let j = 0; j < c.count; j++) {
      for (let p = c.allowedOffsets[j]; p < c.allowedOffsets[j + 1]; p++) if (sc.services[c.allowedIndex[p]].minAreaM2 <= c.areaM2[j]) allowed.push(c.allowedIndex[p]);
      offsets[j + 1] = allowed.length;
    }
    sc.candidates = { ...c, allowedOffsets: offsets, allowedIndex: Int32Array.from(allowed) };
  }
}

/** The scenario as this run sees it (the input is not modified). */
export function applyRun(base: Scenario, run: RunSpec, catalogues: Record<string, CatalogueVariant>, batchFile: string): Scenario {
  const sc: Scenario = { ...base, services: [...base.services], budget: { ...base.budget }, blocks: { ...base.blocks }, behaviour: { ...base.behaviour } };
  if (run.seed !== null) sc.seed = run.seed;
  if (run.maxConversions !== null) sc.budget.maxConversions = run.maxConversions;
  if (run.maxCost !== null) sc.budget.maxCost = run.maxCost;
  if (run.ageingShift > 0) sc.blocks.ageShares = ageShares(base.blocks.ageShares, run.ageingShift);
  if (run.speedFactor !== 1) sc.behaviour.speedMps = base.behaviour.speedMps.map((v) => v * run.speedFactor);
  if (run.catalogue !== 'default') applyCatalogue(sc, run.catalogue, catalogues[run.catalogue], batchFile);
  return sc;
}
