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

/**
 * What the layer reads of a scenario: its name, blocks and services (a small part of it, which a
 * worker can be sent: src/jobs/coverageTable.ts).
 */
export type LayerScenario = Pick<Scenario, 'name' | 'blocks' | 'services'>;

/** The part of `sc` the layer reads (a Scenario is one, but carries its network and sites too). */
export function layerScenario(sc: LayerScenario): LayerScenario {
  return { name: sc.name, blocks: sc.blocks, services: sc.services };
}

/** A block's geometry: its polygon when it was given as one, else its point. */
export function blockGeometry(sc: Pick<Scenario, 'blocks'>, i: number): Record<string, unknown> {
  const poly = sc.blocks.polygons[i];
  return poly ? { type: 'Polygon', coordinates: poly } : { type: 'Point', coordinates: [sc.blocks.lon[i], sc.blocks.lat[i]] };
}

/** The style properties of a block coloured by a share (points and polygons alike). */
export function blockStyle(colour: string): Record<string, unknown> {
  return { 'marker-color': colour, 'marker-size': 'small', fill: colour, 'fill-opacity': 0.6, stroke: '#636363', 'stroke-width': 0.5 };
}

/** The property names of one state, in order (today_all ... today_age_75_plus). */
function stateKeys(sc: LayerScenario, prefix: string): string[] {
  return [`${prefix}_all`, `${prefix}_every_basic`, ...sc.services.map((svc) => `${prefix}_svc_${svc.id}`), ...AGE_BAND_KEYS.map((key) => `${prefix}_${key}`)];
}

function stateValues(sc: LayerScenario, sh: BlockShares, i: number, out: (string | number)[]): void {
  const S = sc.services.length;
  out.push(round4(sh.all[i]), round4(sh.everyBasic[i]));
  for (let s = 0; s < S; s++) out.push(round4(sh.byService[i * S + s]));
  for (let b = 0; b < N_AGE_BANDS; b++) out.push(round4(sh.byAgeBand[i * N_AGE_BANDS + b]));
}

const STYLE_KEYS = Object.keys(blockStyle(''));

/**
 * Every block's feature as its geometry and its property values, in the order of `keys` (the same for
 * every block): what blockFeatures makes objects of and blockFeatureTexts writes as JSON text.
 */
function blockFeatureRows(sc: LayerScenario, today: CoverageTable, after: CoverageTable | null): { keys: string[]; rows: Generator<{ geometry: Record<string, unknown>; values: (string | number)[] }> } {
  const keys = ['layer', 'id', 'name', 'tag', 'population', ...stateKeys(sc, 'today'), ...(after ? [...stateKeys(sc, 'plan'), 'change_all', 'change_every_basic'] : []), 'weakest_service', 'weakest_service_name', 'weakest_service_name_zh', 'title', 'title_zh', 'description', ...STYLE_KEYS];
  function* rows() {
    const S = sc.services.length;
    const t = blockShares(sc, today);
    const a = after ? blockShares(sc, after) : null;
    const shown = a ?? t;
    for (let i = 0; i < sc.blocks.count; i++) {
      let weakest = 0;
      for (let s = 1; s < S; s++) if (shown.byService[i * S + s] < shown.byService[i * S + weakest]) weakest = s;
      const w = sc.services[weakest];
      const label = `${sc.blocks.ids[i]} ${sc.blocks.names[i]}`.trim();
      const title = a ? `${label}: ${pct(t.all[i])} of service needs within reach today, ${pct(a.all[i])} with the plan` : `${label}: ${pct(t.all[i])} of service needs within reach today`;
      const titleZh = a ? `${label}：服务需求可达率 现状 ${pct(t.all[i])}，实施方案后 ${pct(a.all[i])}` : `${label}：服务需求可达率 现状 ${pct(t.all[i])}`;
      const values: (string | number)[] = ['blocks', sc.blocks.ids[i], sc.blocks.names[i], sc.blocks.tags[i], sc.blocks.population[i]];
      stateValues(sc, t, i, values);
      if (a) {
        stateValues(sc, a, i, values);
        values.push(round4(a.all[i] - t.all[i]), round4(a.everyBasic[i] - t.everyBasic[i]));
      }
      values.push(w.id, w.name, serviceName('zh', w.id, w.name), title, titleZh, `${sc.blocks.population[i]} residents; weakest service ${a ? 'with the plan' : 'today'}: ${w.name} (${pct(shown.byService[i * S + weakest])})`);
      const style = blockStyle(shareColour(shown.all[i]));
      for (const k of STYLE_KEYS) values.push(style[k] as string | number);
      yield { geometry: blockGeometry(sc, i), values };
    }
  }
  return { keys, rows: rows() };
}

/** `after` is the coverage with the plan, or null for a run without one (today only). */
export function blocksGeojson(sc: LayerScenario, today: CoverageTable, after: CoverageTable | null): Record<string, unknown> {
  return { ...blocksGeojsonHead(sc), features: [...blockFeatures(sc, today, after)] };
}

/** The collection's members before `features` (written first, as JSON.stringify of the whole would). */
export function blocksGeojsonHead(sc: Pick<Scenario, 'name'>): Record<string, unknown> {
  return { type: 'FeatureCollection', name: `${sc.name} blocks` };
}

/** The features of blocks.geojson one by one, as objects. */
export function* blockFeatures(sc: LayerScenario, today: CoverageTable, after: CoverageTable | null): Generator<Record<string, unknown>> {
  const { keys, rows } = blockFeatureRows(sc, today, after);
  for (const r of rows) {
    const properties: Record<string, unknown> = {};
    keys.forEach((k, j) => (properties[k] = r.values[j]));
    yield { type: 'Feature', geometry: r.geometry, properties };
  }
}

/**
 * The features of blocks.geojson one by one as JSON text, exactly JSON.stringify of blockFeatures'
 * objects (a test checks it), without building them: for streaming writers (src/io/tableWriter.ts's
 * geojsonChunks), a 20,000-block layer in a fraction of the time.
 */
export function* blockFeatureTexts(sc: LayerScenario, today: CoverageTable, after: CoverageTable | null): Generator<string> {
  const { keys, rows } = blockFeatureRows(sc, today, after);
  const names = keys.map((k) => `${JSON.stringify(k)}:`);
  for (const r of rows) {
    let text = `{"type":"Feature","geometry":${JSON.stringify(r.geometry)},"properties":{`;
    for (let j = 0; j < names.length; j++) {
      const v = r.values[j];
      text += (j > 0 ? ',' : '') + names[j] + (typeof v === 'number' ? (Number.isFinite(v) ? String(v) : 'null') : JSON.stringify(v));
    }
    yield `${text}}}`;
  }
}
