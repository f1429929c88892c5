/**
 * difference.geojson: for each comparison the compare command makes (each plan vs today, each later
 * plan vs the first), the blocks where residents gain or lose access, styled like plan.geojson (green:
 * only gains, red: only losses, orange: both). Blocks with no change are left out.
 *
 * Numbers come from the compared coverage tables (the one coverage rule). `gained` and `lost` count
 * resident-services: a resident newly within reach of two services counts twice; shares are 0–1. Ids
 * are English; service names shown carry a Chinese twin (`*_zh`, src/i18n/terms.ts).
 */
import { N_AGE_BANDS } from '../core/ageBands.ts';
import { blockGeometry, blockStyle, round4 } from '../coverage/blocksGeojson.ts';
import { serviceName } from '../i18n/terms.ts';
import type { Scenario } from '../scenario/types.ts';
import type { Comparison } from './types.ts';

const COLOURS = { gain: '#1a9641', loss: '#d7191c', both: '#fdae61' };
const r2 = (x: number) => Math.round(x * 100) / 100;

export function differenceGeojson(sc: Scenario, cmp: Comparison): Record<string, unknown> {
  const S = sc.services.length;
  const byLabel = new Map(cmp.plans.map((p) => [p.label, p]));
  const features: Record<string, unknown>[] = [];
  for (const change of cmp.changes) {
    const plan = byLabel.get(change.plan);
    const ref = byLabel.get(change.reference);
    if (!plan || !ref) continue;
    for (let i = 0; i < sc.blocks.count; i++) {
      let gained = 0;
      let lost = 0;
      const up: number[] = [];
      const down: number[] = [];
      for (let s = 0; s < S; s++) {
        let g = 0;
        let l = 0;
        for (let b = 0; b < N_AGE_BANDS; b++) {
          const k = (i * S + s) * N_AGE_BANDS + b;
          if (plan.table.covered[k] && !ref.table.covered[k]) g += plan.table.residents[k];
          else if (!plan.table.covered[k] && ref.table.covered[k]) l += plan.table.residents[k];
        }
        if (g > 0) up.push(s);
        if (l > 0) down.push(s);
        gained += g;
        lost += l;
      }
      if (up.length === 0 && down.length === 0) continue;
      const ids = (list: number[]) => list.map((s) => sc.services[s].id).join(';');
      const zh = (list: number[]) => list.map((s) => serviceName('zh', sc.services[s].id, sc.services[s].name)).join('、');
      const colour = down.length === 0 ? COLOURS.gain : up.length === 0 ? COLOURS.loss : COLOURS.both;
      const label = `${sc.blocks.ids[i]} ${sc.blocks.names[i]}`.trim();
      features.push({
        type: 'Feature',
        geometry: blockGeometry(sc, i),
        properties: {
          layer: 'difference',
          plan: change.plan,
          reference: change.reference,
          id: sc.blocks.ids[i],
          name: sc.blocks.names[i],
          tag: sc.blocks.tags[i],
          population: sc.blocks.population[i],
          gained: r2(gained),
          lost: r2(lost),
          net: r2(gained - lost),
          share_before: round4(ref.blockShare[i]),
          share_after: round4(plan.blockShare[i]),
          change: round4(plan.blockShare[i] - ref.blockShare[i]),
          services_gained: ids(up),
          services_lost: ids(down),
          services_gained_zh: zh(up),
          services_lost_zh: zh(down),
          title: `${label}: ${change.plan} vs ${change.reference}, +${r2(gained)} / -${r2(lost)} resident-services`,
          title_zh: `${label}：${change.plan} 对比 ${change.reference}，新增可达 ${r2(gained)}，失去可达 ${r2(lost)}（人·项服务）`,
          description: [up.length > 0 ? `gains ${ids(up)}` : '', down.length > 0 ? `loses ${ids(down)}` : ''].filter((x) => x).join('; '),
          ...blockStyle(colour),
        },
      });
    }
  }
  return { type: 'FeatureCollection', name: `${sc.name} difference`, features };
}
