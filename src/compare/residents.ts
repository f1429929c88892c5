/** Residents covered per service and age band, and each block's covered share, from a coverage table. */
import { AGE_BANDS, N_AGE_BANDS } from '../core/ageBands.ts';
import type { CoverageTable } from '../coverage/residential.ts';
import type { Scenario } from '../scenario/types.ts';

const r2 = (x: number) => Math.round(x * 100) / 100;

/** By service id, then age band and 'all': residents within the service's threshold. */
export function residentsCovered(sc: Scenario, t: CoverageTable): Record<string, Record<string, number>> {
  const S = sc.services.length;
  const out: Record<string, Record<string, number>> = {};
  sc.services.forEach((svc, s) => {
    const sums = new Float64Array(N_AGE_BANDS);
    for (let i = 0; i < sc.blocks.count; i++) {
      for (let b = 0; b < N_AGE_BANDS; b++) {
        const k = (i * S + s) * N_AGE_BANDS + b;
        if (t.covered[k]) sums[b] += t.residents[k];
      }
    }
    const row: Record<string, number> = {};
    AGE_BANDS.forEach((band, b) => (row[band] = r2(sums[b])));
    row.all = r2(sums.reduce((a, v) => a + v, 0));
    out[svc.id] = row;
  });
  return out;
}

/** Per block: covered residents over residents, summed over every service and age band (0 for an empty block). */
export function blockCoveredShare(sc: Scenario, t: CoverageTable): Float64Array {
  const per = sc.services.length * N_AGE_BANDS;
  const out = new Float64Array(sc.blocks.count);
  for (let i = 0; i < sc.blocks.count; i++) {
    let c = 0;
    let p = 0;
    for (let k = i * per; k < (i + 1) * per; k++) {
      p += t.residents[k];
      if (t.covered[k]) c += t.residents[k];
    }
    out[i] = p > 0 ? c / p : 0;
  }
  return out;
}
