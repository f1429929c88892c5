/**
 * Per-block shares of a coverage table (the run's own numbers, coverage rule applied once in
 * residential.ts): per service over all ages, per age band over all services, over everything, and the
 * share of residents who reach every basic service. Shares are 0–1; an empty block has 0.
 */
import { N_AGE_BANDS } from '../core/ageBands.ts';
import type { Scenario } from '../scenario/types.ts';
import type { CoverageTable } from './residential.ts';

export interface BlockShares {
  /** nBlocks x nServices, row-major: covered residents / residents of the block, all ages. */
  byService: Float64Array;
  /** nBlocks x 6: covered resident-service pairs / resident-service pairs of the band, all services. */
  byAgeBand: Float64Array;
  /** nBlocks: covered resident-service pairs / all resident-service pairs of the block. */
  all: Float64Array;
  /** nBlocks: residents who reach every basic service / residents. */
  everyBasic: Float64Array;
}

export function blockShares(sc: Pick<Scenario, 'blocks' | 'services'>, t: CoverageTable): BlockShares {
  const n = sc.blocks.count;
  const S = sc.services.length;
  const basic = sc.services.map((s) => s.category === 'basic');
  const byService = new Float64Array(n * S);
  const byAgeBand = new Float64Array(n * N_AGE_BANDS);
  const all = new Float64Array(n);
  const everyBasic = new Float64Array(n);
  const bandCov = new Float64Array(N_AGE_BANDS);
  const bandPop = new Float64Array(N_AGE_BANDS);
  for (let i = 0; i < n; i++) {
    bandCov.fill(0);
    bandPop.fill(0);
    let allCov = 0;
    let allPop = 0;
    for (let s = 0; s < S; s++) {
      let c = 0;
      let p = 0;
      for (let b = 0; b < N_AGE_BANDS; b++) {
        const k = (i * S + s) * N_AGE_BANDS + b;
        const r = t.residents[k];
        p += r;
        bandPop[b] += r;
        if (t.covered[k]) {
          c += r;
          bandCov[b] += r;
        }
      }
      byService[i * S + s] = p > 0 ? c / p : 0;
      allCov += c;
      allPop += p;
    }
    for (let b = 0; b < N_AGE_BANDS; b++) byAgeBand[i * N_AGE_BANDS + b] = bandPop[b] > 0 ? bandCov[b] / bandPop[b] : 0;
    all[i] = allPop > 0 ? allCov / allPop : 0;
    let ebCov = 0;
    let ebPop = 0;
    for (let b = 0; b < N_AGE_BANDS; b++) {
      const r = sc.blocks.population[i] * sc.blocks.ageShares[i * N_AGE_BANDS + b];
      ebPop += r;
      let every = true;
      for (let s = 0; s < S && every; s++) if (basic[s] && !t.covered[(i * S + s) * N_AGE_BANDS + b]) every = false;
      if (every) ebCov += r;
    }
    everyBasic[i] = ebPop > 0 ? ebCov / ebPop : 0;
  }
  return { byService, byAgeBand, all, everyBasic };
}
