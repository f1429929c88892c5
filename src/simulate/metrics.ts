/**
 * Metrics of a simulated day, computed in the main thread from per-(block, band, service) tallies in
 * block order (so they do not depend on the thread count):
 * - withinShare: trips whose walk is within the service's threshold / all trips (unserved trips count
 *   as not within), overall, by age band, by service, by band x service;
 * - F15 (Bruno et al. 2024): share of residents whose nearest site of every 'basic' service is within
 *   15 minutes at their own speed (accessibility: independent of capacities and of the trips made);
 * - Gini index of access time: over served trips' walking minutes;
 * - facility loads vs capacity.
 * Shares with nothing to count are null.
 */
import { AGE_BANDS, N_AGE_BANDS } from '../core/ageBands.ts';
import type { Scenario } from '../scenario/types.ts';
import type { SiteCatalogue } from '../travel/sites.ts';
import type { TripColumns } from './columns.ts';
import { gini } from './gini.ts';
import type { CapacityReport, ResolvedSimulateOptions, SimulationMetrics, SiteLoad, Tallies } from './types.ts';




const share = (a: number, b: number): number | null => (b > 0 ? a / b : null);
const round = (x: number | null, digits = 6): number | null => (x === null || !Number.isFinite(x) ? null : Number(x.toFixed(digits)));

export function computeMetrics(scenario: Scenario, options: ResolvedSimulateOptions, t: Tallies, trips: TripColumns, sites: SiteCatalogue, loads: Float64Array, prices: Float64Array | null, capacity: CapacityReport): SimulationMetrics {
  const nS = scenario.services.length;
  const sids = scenario.services.map((s) => s.id);
  const bandTrips = new Float64Array(N_AGE_BANDS);
  const bandWithin = new Float64Array(N_AGE_BANDS);
  const bandMinutes = new Float64Array(N_AGE_BANDS);
  const bandServed = new Float64Array(N_AGE_BANDS);
  const bandRes = new Float64Array(N_AGE_BANDS);
  const bandF15 = new Float64Array(N_AGE_BANDS);
  const svcTrips = new Float64Array(nS);
  const svcWithin = new Float64Array(nS);
  const svcUnserved = new Float64Array(nS);
  const bsTrips = new Float64Array(N_AGE_BANDS * nS);
  const bsWithin = new Float64Array(N_AGE_BANDS * nS);
  for (let b = 0; b < t.nBlocks; b++) {
    for (let band = 0; band < N_AGE_BANDS; band++) {
      bandRes[band] += t.residentsByBlockBand[b * N_AGE_BANDS + band];
      bandF15[band] += t.f15ByBlockBand[b * N_AGE_BANDS + band];
      for (let s = 0; s < nS; s++) {
        const k = (b * N_AGE_BANDS + band) * nS + s;
        bandTrips[band] += t.demand[k];
        bandWithin[band] += t.within[k];
        bandMinutes[band] += t.minutesSum[k];
        bandServed[band] += t.demand[k] - t.unserved[k];
        svcTrips[s] += t.demand[k];
        svcWithin[s] += t.within[k];
        svcUnserved[s] += t.unserved[k];
        bsTrips[band * nS + s] += t.demand[k];
        bsWithin[band * nS + s] += t.within[k];
      }
    }
  }
  const sum = (a: Float64Array): number => a.reduce((x, y) => x + y, 0);
  const byBand = (f: (band: number) => number | null): Record<string, number | null> => Object.fromEntries(AGE_BANDS.map((label, band) => [label, round(f(band))]));
  const bySvc = (f: (s: number) => number | null): Record<string, number | null> => Object.fromEntries(sids.map((id, s) => [id, round(f(s))]));

  let nServed = 0;
  for (let i = 0; i < trips.count; i++) if (trips.site[i] >= 0) nServed++;
  const served = new Float32Array(nServed);
  for (let i = 0, k = 0; i < trips.count; i++) if (trips.site[i] >= 0) served[k++] = trips.walkMin[i];
  const siteLoads: SiteLoad[] = [];
  for (let j = 0; j < sites.count; j++) {
    if (sites.serviceOffsets[j + 1] === sites.serviceOffsets[j]) continue;
    const cap = sites.capacity[j];
    siteLoads.push({
      id: sites.ids[j],
      kind: j < sites.nFacilities ? 'facility' : 'candidate',
      load: loads[j],
      capacity: Number.isFinite(cap) ? cap : null,
      utilization: Number.isFinite(cap) && cap > 0 ? round(loads[j] / cap) : null,
      priceMin: prices ? round(prices[j]) : null,
    });
  }
  const totalTrips = sum(bandTrips);
  return {
    format: 'quarterhour-simulation-metrics',
    version: 2,
    scenario: scenario.name,
    seed: options.seed,
    options,
    residents: sum(bandRes),
    trips: totalTrips,
    unservedTrips: sum(svcUnserved),
    residentsByAgeBand: Object.fromEntries(AGE_BANDS.map((label, band) => [label, bandRes[band]])),
    tripsPerResidentByAgeBand: byBand((band) => share(bandTrips[band], bandRes[band])),
    withinShare: {
      overall: round(share(sum(bandWithin), totalTrips)),
      byAgeBand: byBand((band) => share(bandWithin[band], bandTrips[band])),
      byService: bySvc((s) => share(svcWithin[s], svcTrips[s])),
      byAgeBandAndService: Object.fromEntries(AGE_BANDS.map((label, band) => [label, bySvc((s) => share(bsWithin[band * nS + s], bsTrips[band * nS + s]))])),
    },
    unservedByService: Object.fromEntries(sids.map((id, s) => [id, svcUnserved[s]])),
    meanWalkingMin: { overall: round(share(sum(bandMinutes), sum(bandServed))), byAgeBand: byBand((band) => share(bandMinutes[band], bandServed[band])) },
    f15: {
      minutes: options.f15Min,
      basicServices: scenario.services.filter((s) => s.category === 'basic').map((s) => s.id),
      overall: round(share(sum(bandF15), sum(bandRes))),
      byAgeBand: byBand((band) => share(bandF15[band], bandRes[band])),
    },
    gini: { accessTime: round(served.length ? gini(served) : null), over: 'served trips walking minutes' },
    capacity,
    siteLoads,
  };
}

/** Per-block metrics as columns (for block_metrics.csv). */
export interface BlockMetrics {
  population: Float64Array;
  trips: Float64Array;
  within: Float64Array;
  unserved: Float64Array;
  f15: Float64Array;
  minutesSum: Float64Array;
  served: Float64Array;
}

export function blockMetrics(t: Tallies, nServices: number): BlockMetrics {
  const n = t.nBlocks;
  const m: BlockMetrics = { population: new Float64Array(n), trips: new Float64Array(n), within: new Float64Array(n), unserved: new Float64Array(n), f15: new Float64Array(n), minutesSum: new Float64Array(n), served: new Float64Array(n) };
  for (let b = 0; b < n; b++) {
    for (let band = 0; band < N_AGE_BANDS; band++) {
      m.population[b] += t.residentsByBlockBand[b * N_AGE_BANDS + band];
      m.f15[b] += t.f15ByBlockBand[b * N_AGE_BANDS + band];
      for (let s = 0; s < nServices; s++) {
        const k = (b * N_AGE_BANDS + band) * nServices + s;
        m.trips[b] += t.demand[k];
        m.within[b] += t.within[k];
        m.unserved[b] += t.unserved[k];
        m.minutesSum[b] += t.minutesSum[k];
      }
    }
    m.served[b] = m.trips[b] - m.unserved[b];
  }
  return m;
}
