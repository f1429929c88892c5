/**
 * The living-circle siting model as a coverage instance (the scenario side builds this input from
 * its spaces, services, blocks, age bands and travel times; the solvers see only CoverageInput).
 *
 *   option k  = a (space, service) conversion: optionSpace[k], optionService[k], its floor area and cost
 *   unit u    = a (block, age band, service) demand: unitService[u], unitWeight[u] (trips x age-band weight)
 *   reach     = CSR unit -> options whose space lies within the service's time threshold at the age
 *               band's walking speed (only options offering the unit's service; checked here)
 *   preCovered[u] = an existing facility of that service already reaches u
 * Constraints: services sharing a space use at most its area (groups = spaces); at most
 * `maxConversions` options and/or `budget` total cost; at least serviceMin[s] new options of service s;
 * equity floors: each unit group h (an age band, or a block) at least equityShare[h] of its weight covered;
 * `equityGroupings` adds further groupings with floors of their own (per age band and per block together).
 */
import { buildCoverage, type CoverageInstance, type EquityGrouping } from './model/coverage.ts';

export interface SitingInput {
  spaceArea: Float64Array;
  optionSpace: Int32Array;
  optionService: Int32Array;
  optionArea: Float64Array;
  optionCost?: Float64Array;
  unitService: Int32Array;
  unitWeight: Float64Array;
  reachStart: Int32Array;
  reachOptions: Int32Array;
  preCovered?: Uint8Array;
  maxConversions?: number;
  budget?: number;
  serviceMin?: Int32Array;
  unitGroup?: Int32Array;
  equityShare?: Float64Array;
  equityGroupings?: EquityGrouping[];
  mustOpen?: Int32Array;
  optionIds?: string[];
  unitIds?: string[];
}

export function sitingCoverage(s: SitingInput): CoverageInstance {
  const nUnits = s.unitWeight.length;
  const nOptions = s.optionSpace.length;
  for (let u = 0; u < nUnits; u++) {
    for (let e = s.reachStart[u]; e < s.reachStart[u + 1]; e++) {
      const k = s.reachOptions[e];
      if (s.optionService[k] !== s.unitService[u]) throw new RangeError(`siting: unit ${u} (service ${s.unitService[u]}) is reached by option ${k} offering service ${s.optionService[k]}`);
    }
  }
  for (let k = 0; k < nOptions; k++) {
    if (s.optionArea[k] > s.spaceArea[s.optionSpace[k]]) throw new RangeError(`siting: option ${k} needs area ${s.optionArea[k]} > space ${s.optionSpace[k]}'s ${s.spaceArea[s.optionSpace[k]]}`);
  }
  return buildCoverage({
    nUnits,
    nOptions,
    weight: s.unitWeight,
    coverStart: s.reachStart,
    coverOptions: s.reachOptions,
    cost: s.optionCost,
    maxOpen: s.maxConversions,
    budget: s.budget,
    group: s.optionSpace,
    area: s.optionArea,
    groupCapacity: s.spaceArea,
    optionClass: s.serviceMin ? s.optionService : undefined,
    classMin: s.serviceMin,
    unitGroup: s.unitGroup,
    equityShare: s.equityShare,
    equityGroupings: s.equityGroupings,
    mustOpen: s.mustOpen,
    preCovered: s.preCovered,
    unitIds: s.unitIds,
    optionIds: s.optionIds,
  });
}
