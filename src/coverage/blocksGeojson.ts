/**
 * blocks.geojson: every block with its coverage today and (after a plan) with the plan, styled like
 * plan.geojson (simplestyle-spec properties that geojson.io draws and QGIS shows as attributes). To
 * stay small on big cities it holds shares per service (all ages) and per age band (all services), not
 * the block x service x age band table (coverage.csv has that). The numbers are the run's own coverage
 * tables aggregated (blockShares.ts), never a second coverage rule.
 *
 * Properties use stable English ids; shares are 0–1 (4 decimals). Where a name is shown (the weakest
 * service, the title) a Chinese one sits beside it (`*_zh`, src/i18n/terms.ts).
 */
import { AGE_BANDS, N_AGE_BANDS } from '../core/ageBands.ts';
import { serviceName } from '../i18n/terms.ts';
import type { Scenario } from '../scenario/types.ts';
import { blockShares, type BlockShares } from './blockShares.ts';
import type { CoverageTable } from './residential.ts';

/** Property suffix of each age band: age_0_5 ... age_75_plus (blocks.csv's column names). */
export const AGE_BAND_KEYS = AGE_BANDS.map((b) => `age_${b.replace('-', '_').replace('+', '_plus')}`);

/** ColorBrewer RdYlGn, 5 classes: share < 0.2, < 0.4, < 0.6, < 0.8, else. */
const RAMP = ['#d7191c', '#fdae61', '#ffffbf', '#a6d96a', '#1a9641'];

export const round4 = (x: number): number => (Number.isFinite(x) ? Math.round(x * 1e4) / 1e4 : 0);

export function shareColour(share: number): string {
  return RAMP[Math.min(RAMP.length - 1, Math.max(0, Math.floor(share * RAMP.length)))];
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** A block's geometry: its polygon when it was given as one, else its point. */
export function blockGeometry(sc: Scenario, i: number): Record<string, unknown> {
  const poly = sc.blocks.polygons[i];
  return poly ? { type: 'Polygon', coordinates: poly } : { type: 'Point', coordinates: [sc.blocks.lon[i], sc.blocks.lat[i]] };
}

/** The style properties of a block coloured by a share (points and polygons alike). */
export function blockStyle(colour: string): Record<string, unknown> {
  return { 'marker-color': colour, 'marker-size': 'small', fill: colour, 'fill-opacity': 0.6, stroke: '#636363', 'stroke-width': 0.5 };
}

function stateProperties(sc: Scenario, prefix: string, sh: BlockShares, i: number): Record<string, number> {
  const S = sc.services.length;
  const p: Record<string, number> = { [`${prefix}_all`]: round4(sh.all[i]), [`${prefix}_every_basic`]: round4(sh.everyBasic[i]) };
  sc.services.forEach((svc, s) => (p[`${prefix}_svc_${svc.id}`] = round4(sh.byService[i * S + s])));
  AGE_BAND_KEYS.forEach((key, b) => (p[`${prefix}_${key}`] = round4(sh.byAgeBand[i * N_AGE_BANDS + b])));
  return p;
}

/** `after` is the coverage with the plan, or null for a run without one (today only). */
export function blocksGeojson(sc: Scenario, today: CoverageTable, after: CoverageTable | null): Record<string, unknown> {
  const S = sc.services.length;
  const t = blockShares(sc, today);
  const a = after ? blockShares(sc, after) : null;
  const shown = a ?? t;
  const features: Record<string, unknown>[] = [];
  for (let i = 0; i < sc.blocks.count; i++) {
    let weakest = 0;
    for (let s = 1; s < S; s++) if (shown.byService[i * S + s] < shown.byService[i * S + weakest]) weakest = s;
    const w = sc.services[weakest];
    const label = `${sc.blocks.ids[i]} ${sc.blocks.names[i]}`.trim();
    const title = a ? `${label}: ${pct(t.all[i])} of service needs within reach today, ${pct(a.all[i])} with the plan` : `${label}: ${pct(t.all[i])} of service needs within reach today`;
    const titleZh = a ? `${label}：服务需求可达率 现状 ${pct(t.all[i])}，实施方案后 ${pct(a.all[i])}` : `${label}：服务需求可达率 现状 ${pct(t.all[i])}`;
    features.push({
      type: 'Feature',
      geometry: blockGeometry(sc, i),
      properties: {
        layer: 'blocks',
        id: sc.blocks.ids[i],
        name: sc.blocks.names[i],
        tag: sc.blocks.tags[i],
        population: sc.blocks.population[i],
        ...stateProperties(sc, 'today', t, i),
        ...(a ? stateProperties(sc, 'plan', a, i) : {}),
        ...(a ? { change_all: round4(a.all[i] - t.all[i]), change_every_basic: round4(a.everyBasic[i] - t.everyBasic[i]) } : {}),
        weakest_service: w.id,
        weakest_service_name: w.name,
        weakest_service_name_zh: serviceName('zh', w.id, w.name),
        title,
        title_zh: titleZh,
        description: `${sc.blocks.population[i]} residents; weakest service ${a ? 'with the plan' : 'today'}: ${w.name} (${pct(shown.byService[i * S + weakest])})`,
        ...blockStyle(shareColour(shown.all[i])),
      },
    });
  }
  return { type: 'FeatureCollection', name: `${sc.name} blocks`, features };
}
