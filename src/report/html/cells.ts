/** Report cells from a coverage table: rounded minutes, covered flags, and the shares for the charts. */
import { AGE_BANDS, N_AGE_BANDS } from '../../core/ageBands.ts';
import type { CoverageTable } from '../../coverage/residential.ts';
import type { Scenario } from '../../scenario/types.ts';

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

export function cellMinutes(t: CoverageTable): (number | null)[] {
  return Array.from(t.minutes, (m) => (Number.isFinite(m) ? Math.round(m * 10) / 10 : null));
}

export function cellCovered(t: CoverageTable): string {
  return Array.from(t.covered, (c) => (c ? '1' : '0')).join('');
}

/** Shares of residents covered by service (all ages) and by age band (all services), from the cells. */
export function cellShares(sc: Scenario, t: CoverageTable): { byService: Record<string, number>; byAgeBand: Record<string, number> } {
  const S = sc.services.length;
  const sCov = new Float64Array(S);
  const sPop = new Float64Array(S);
  const bCov = new Float64Array(N_AGE_BANDS);
  const bPop = new Float64Array(N_AGE_BANDS);
  for (let k = 0; k < t.residents.length; k++) {
    const s = Math.floor(k / N_AGE_BANDS) % S;
    const b = k % N_AGE_BANDS;
    sPop[s] += t.residents[k];
    bPop[b] += t.residents[k];
    if (t.covered[k]) {
      sCov[s] += t.residents[k];
      bCov[b] += t.residents[k];
    }
  }
  const byService = Object.fromEntries(sc.services.map((svc, s) => [svc.id, sPop[s] > 0 ? r4(sCov[s] / sPop[s]) : 0]));
  const byAgeBand = Object.fromEntries(AGE_BANDS.map((band, b) => [band, bPop[b] > 0 ? r4(bCov[b] / bPop[b]) : 0]));
  return { byService, byAgeBand };
}
