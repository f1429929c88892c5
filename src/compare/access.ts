/** Residents gaining or losing access to each service between two coverage tables of the same scenario. */
import { AGE_BANDS, N_AGE_BANDS } from '../core/ageBands.ts';
import type { CoverageTable } from '../coverage/residential.ts';
import type { Scenario } from '../scenario/types.ts';
import type { AccessChange } from './types.ts';

const r2 = (x: number) => Math.round(x * 100) / 100;

export function accessChange(sc: Scenario, table: CoverageTable, ref: CoverageTable, plan: string, reference: string): AccessChange {
  const S = sc.services.length;
  const gained = new Float64Array(S * N_AGE_BANDS);
  const lost = new Float64Array(S * N_AGE_BANDS);
  for (let i = 0; i < sc.blocks.count; i++) {
    for (let s = 0; s < S; s++) {
      for (let b = 0; b < N_AGE_BANDS; b++) {
        const k = (i * S + s) * N_AGE_BANDS + b;
        if (table.covered[k] && !ref.covered[k]) gained[s * N_AGE_BANDS + b] += table.residents[k];
        else if (!table.covered[k] && ref.covered[k]) lost[s * N_AGE_BANDS + b] += table.residents[k];
      }
    }
  }
  const byService: AccessChange['byService'] = {};
  sc.services.forEach((svc, s) => {
    let g = 0;
    let l = 0;
    const byAgeBand: Record<string, { gained: number; lost: number }> = {};
    AGE_BANDS.forEach((band, b) => {
      const k = s * N_AGE_BANDS + b;
      byAgeBand[band] = { gained: r2(gained[k]), lost: r2(lost[k]) };
      g += gained[k];
      l += lost[k];
    });
    byService[svc.id] = { gained: r2(g), lost: r2(l), byAgeBand };
  });
  return { plan, reference, byService };
}
