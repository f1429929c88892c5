/**
 * Residential coverage: a resident of age band b in block i is covered for service s when the nearest
 * open site offering s is within the service's threshold at band b's walking speed (the coverage rule,
 * rule.ts). Shares are weighted by residents (population x age share).
 */
import { AGE_BANDS, N_AGE_BANDS } from '../core/ageBands.ts';
import type { Scenario } from '../scenario/types.ts';
import { isWithin, walkMinutes } from './rule.ts';

export interface CoverageTable {
  /** Row-major nBlocks x nServices x 6: minutes to the nearest site (Infinity when none within reach). */
  minutes: Float64Array;
  /** Same layout: residents (fractional: population x share). */
  residents: Float64Array;
  /** Same layout: 1 when within the service's threshold. */
  covered: Uint8Array;
}

export function coverageTable(sc: Scenario, nearest: Float64Array): CoverageTable {
  const S = sc.services.length;
  const n = sc.blocks.count * S * N_AGE_BANDS;
  const minutes = new Float64Array(n);
  const residents = new Float64Array(n);
  const covered = new Uint8Array(n);
  for (let i = 0; i < sc.blocks.count; i++) {
    for (let s = 0; s < S; s++) {
      const d = nearest[i * S + s];
      for (let b = 0; b < N_AGE_BANDS; b++) {
        const k = (i * S + s) * N_AGE_BANDS + b;
        const speed = sc.behaviour.speedMps[b];
        minutes[k] = walkMinutes(d, speed);
        residents[k] = sc.blocks.population[i] * sc.blocks.ageShares[i * N_AGE_BANDS + b];
        covered[k] = isWithin(d, speed, sc.services[s].thresholdMin) ? 1 : 0;
      }
    }
  }
  return { minutes, residents, covered };
}

export interface CoverageSummary {
  /** Share of residents covered, by service id then age band (and 'all'). */
  byService: Record<string, Record<string, number>>;
  /** Share of resident-service pairs covered per age band, over all services. */
  byAgeBand: Record<string, number>;
  /** Share of residents who reach every basic service within its threshold. */
  allBasic: number;
  /** Share of residents who reach every basic service within its threshold, by age band. */
  allBasicByAgeBand: Record<string, number>;
}

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

export function summarizeCoverage(sc: Scenario, t: CoverageTable): CoverageSummary {
  const S = sc.services.length;
  const cov = new Float64Array(S * N_AGE_BANDS);
  const pop = new Float64Array(S * N_AGE_BANDS);
  const basic = sc.services.map((s) => s.category === 'basic');
  const allCov = new Float64Array(N_AGE_BANDS);
  const allPop = new Float64Array(N_AGE_BANDS);
  for (let i = 0; i < sc.blocks.count; i++) {
    for (let b = 0; b < N_AGE_BANDS; b++) {
      let everyBasic = true;
      for (let s = 0; s < S; s++) {
        const k = (i * S + s) * N_AGE_BANDS + b;
        pop[s * N_AGE_BANDS + b] += t.residents[k];
        if (t.covered[k]) cov[s * N_AGE_BANDS + b] += t.residents[k];
        else if (basic[s]) everyBasic = false;
      }
      const r = sc.blocks.population[i] * sc.blocks.ageShares[i * N_AGE_BANDS + b];
      allPop[b] += r;
      if (everyBasic) allCov[b] += r;
    }
  }
  const byService: Record<string, Record<string, number>> = {};
  const bandCov = new Float64Array(N_AGE_BANDS);
  const bandPop = new Float64Array(N_AGE_BANDS);
  sc.services.forEach((svc, s) => {
    const row: Record<string, number> = {};
    let c = 0;
    let p = 0;
    AGE_BANDS.forEach((band, b) => {
      const k = s * N_AGE_BANDS + b;
      row[band] = pop[k] > 0 ? r4(cov[k] / pop[k]) : 0;
      c += cov[k];
      p += pop[k];
      bandCov[b] += cov[k];
      bandPop[b] += pop[k];
    });
    row.all = p > 0 ? r4(c / p) : 0;
    byService[svc.id] = row;
  });
  const byAgeBand: Record<string, number> = {};
  const allBasicByAgeBand: Record<string, number> = {};
  AGE_BANDS.forEach((band, b) => {
    byAgeBand[band] = bandPop[b] > 0 ? r4(bandCov[b] / bandPop[b]) : 0;
    allBasicByAgeBand[band] = allPop[b] > 0 ? r4(allCov[b] / allPop[b]) : 0;
  });
  const tp = allPop.reduce((a, v) => a + v, 0);
  return { byService, byAgeBand, allBasic: tp > 0 ? r4(allCov.reduce((a, v) => a + v, 0) / tp) : 0, allBasicByAgeBand };
}
