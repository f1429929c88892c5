/**
 * The living-circle siting model of a scenario, as the plain-array siting input of src/locate/siting.ts
 * (which turns it into a generalized coverage instance for the solvers):
 *   demand units u = (block, age band, service) with weight = demand x the band's objective weight;
 *   options k = (idle space, service that fits there), cost = service cost x the space's multiplier;
 *   several services may share a space while their minimum floor areas sum to at most its area;
 *   a unit is covered when an open option (or an existing facility) offering its service lies within
 *   the service's threshold at the band's walking speed (the coverage rule, src/coverage/rule.ts).
 *   Budget: maxConversions (each service opened counts one) and maxCost; minCount per service;
 *   equity floors per age band, per block, or both (the block floors as a further equity grouping).
 *   Units an existing facility covers are pre-covered;
 *   units nothing can ever cover are reported separately.
 */
import { N_AGE_BANDS } from '../core/ageBands.ts';
import { nearestMetres } from '../coverage/nearest.ts';
import { isWithin } from '../coverage/rule.ts';
import type { SitingInput } from '../locate/siting.ts';
import type { EquityGrouping } from '../locate/model/coverage.ts';
import type { Plan } from '../plan/types.ts';
import type { Scenario } from '../scenario/types.ts';
import type { SparseDistanceMatrix } from '../travel/matrix.ts';
import { siteCatalogue } from '../travel/sites.ts';
import { demandIndex } from './demand.ts';

export interface SitingModel {
  input: SitingInput;
  /** Per unit: block, age band, service. */
  unitBlock: Int32Array;
  unitBand: Int32Array;
  unitService: Int32Array;
  /** Per option: candidate space, service. */
  optionCandidate: Int32Array;
  optionService: Int32Array;
  /** Demand (unweighted trips) per unit. */
  unitDemand: Float64Array;
  /** Weighted totals: all demand, pre-covered by existing facilities, and never coverable. */
  totalWeight: number;
  preCoveredWeight: number;
  uncoverableWeight: number;
}

/** `todayNearest`: metres from each block to today's nearest site per service, when the caller already holds them. */
export function buildSitingModel(sc: Scenario, matrix: SparseDistanceMatrix, demand: Float64Array, todayNearest?: Float64Array): SitingModel {
  const S = sc.services.length;
  const F = sc.facilities.count;
  const C = sc.candidates.count;
  const { equity } = sc.constraints;

  // options: (space, service) pairs that fit
  const optionOf = new Int32Array(C * S).fill(-1);
  const oc: number[] = [];
  const os: number[] = [];
  for (let c = 0; c < C; c++) {
    for (let p = sc.candidates.allowedOffsets[c]; p < sc.candidates.allowedOffsets[c + 1]; p++) {
      const s = sc.candidates.allowedIndex[p];
      optionOf[c * S + s] = oc.length;
      oc.push(c);
      os.push(s);
    }
  }
  const K = oc.length;
  const cost = new Float64Array(K);
  const area = new Float64Array(K);
  const group = Int32Array.from(oc);
  const optionClass = Int32Array.from(os);
  for (let k = 0; k < K; k++) {
    cost[k] = sc.services[os[k]].cost * sc.candidates.costMultiplier[oc[k]];
    area[k] = sc.services[os[k]].minAreaM2;
  }
  const classMin = new Int32Array(S);
  for (const [sid, n] of Object.entries(sc.constraints.minCount)) classMin[sc.serviceIndex.get(sid)!] = n;

  // units: (block, band, service) with positive demand
  const existing = todayNearest ?? nearestMetres(matrix, siteCatalogue(sc), S);
  const ub: number[] = [];
  const ua: number[] = [];
  const us: number[] = [];
  const weight: number[] = [];
  const dem: number[] = [];
  const pre: number[] = [];
  const coverStart: number[] = [0];
  const coverOptions: number[] = [];
  let totalWeight = 0;
  let preCoveredWeight = 0;
  let uncoverableWeight = 0;
  for (let i = 0; i < sc.blocks.count; i++) {
    for (let b = 0; b < N_AGE_BANDS; b++) {
      for (let s = 0; s < S; s++) {
        const d = demand[demandIndex(S, i, b, s)];
        if (!(d > 0)) continue;
        const w = d * sc.constraints.ageWeights[b];
        const speed = sc.behaviour.speedMps[b];
        const threshold = sc.services[s].thresholdMin;
        const covered = isWithin(existing[i * S + s], speed, threshold) ? 1 : 0;
        let n = 0;
        for (let p = matrix.offsets[i]; p < matrix.offsets[i + 1]; p++) {
          const j = matrix.index[p];
          if (j < F || !isWithin(matrix.metres[p], speed, threshold)) continue;
          const k = optionOf[(j - F) * S + s];
          if (k >= 0) {
            coverOptions.push(k);
            n++;
          }
        }
        coverStart.push(coverOptions.length);
        ub.push(i);
        ua.push(b);
        us.push(s);
        weight.push(w);
        dem.push(d);
        pre.push(covered);
        totalWeight += w;
        if (covered) preCoveredWeight += w;
        else if (n === 0) uncoverableWeight += w;
      }
    }
  }
  let unitGroup: Int32Array | undefined;
  let equityShare: Float64Array | undefined;
  let equityGroupings: EquityGrouping[] | undefined;
  if (equity.ageBandMin) {
    unitGroup = Int32Array.from(ua);
    equityShare = new Float64Array(N_AGE_BANDS).fill(equity.ageBandMin);
    // both floors: the block floors are a further grouping beside the age bands
    if (equity.blockMin) equityGroupings = [{ unitGroup: Int32Array.from(ub), equityShare: new Float64Array(sc.blocks.count).fill(equity.blockMin), name: 'block' }];
  } else if (equity.blockMin) {
    unitGroup = Int32Array.from(ub);
    equityShare = new Float64Array(sc.blocks.count).fill(equity.blockMin);
  }
  const input: SitingInput = {
    spaceArea: Float64Array.from(sc.candidates.areaM2),
    optionSpace: group,
    optionService: optionClass,
    optionArea: area,
    optionCost: cost,
    unitService: Int32Array.from(us),
    unitWeight: Float64Array.from(weight),
    reachStart: Int32Array.from(coverStart),
    reachOptions: Int32Array.from(coverOptions),
    preCovered: Uint8Array.from(pre),
    maxConversions: sc.budget.maxConversions,
    budget: sc.budget.maxCost,
    serviceMin: classMin,
    unitGroup,
    equityShare,
    ...(equityGroupings && { equityGroupings }),
    optionIds: oc.map((c, k) => `${sc.candidates.ids[c]}:${sc.services[os[k]].id}`),
  };

  return {
    input,
    unitBlock: Int32Array.from(ub),
    unitBand: Int32Array.from(ua),
    unitService: Int32Array.from(us),
    optionCandidate: Int32Array.from(oc),
    optionService: Int32Array.from(os),
    unitDemand: Float64Array.from(dem),
    totalWeight,
    preCoveredWeight,
    uncoverableWeight,
  };
}

/** The plan of a set of opened options: one conversion per space, its services ascending. */
export function selectionToPlan(model: SitingModel, selected: ArrayLike<number>): Plan {
  const bySpace = new Map<number, number[]>();
  for (const k of Array.from(selected)) {
    const c = model.optionCandidate[k];
    if (!bySpace.has(c)) bySpace.set(c, []);
    bySpace.get(c)!.push(model.optionService[k]);
  }
  return {
    conversions: [...bySpace.entries()].sort((a, b) => a[0] - b[0]).map(([candidateIndex, s]) => ({ candidateIndex, serviceIndices: s.sort((a, b) => a - b) })),
  };
}
