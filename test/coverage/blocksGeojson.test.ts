/**
 * Hand-checked on the tiny fixture (test/compare/compare.test.ts has the worked numbers): block B (200
 * residents, 60 of them 60+) is 600 m from the groceries, which its 60+ residents cannot walk in 10
 * minutes; plan P1 puts a repair kiosk in K1, inside block B.
 */
import { describe, expect, it } from 'vitest';
import { blocksGeojson, shareColour } from '../../src/coverage/blocksGeojson.ts';
import { staticCoverage } from '../../src/coverage/static.ts';
import { parsePlan } from '../../src/plan/io.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { computeDistanceMatrix } from '../../src/travel/travelMatrix.ts';
import { P1, TINY } from '../compare/tinyPlans.ts';

type Feature = { geometry: { type: string; coordinates: number[] }; properties: Record<string, unknown> };

async function tinyLayer(withPlan: boolean) {
  const sc = await loadScenario(TINY);
  const matrix = await computeDistanceMatrix(sc);
  const today = staticCoverage(sc, matrix);
  const after = withPlan ? staticCoverage(sc, matrix, parsePlan(P1, 'P1.json', sc)) : null;
  const doc = blocksGeojson(sc, today.table, after?.table ?? null) as { type: string; features: Feature[] };
  return { doc, byId: new Map(doc.features.map((f) => [f.properties.id, f.properties])) };
}

describe('blocks.geojson', () => {
  it('has one point per block with its id, name and population', async () => {
    const { doc } = await tinyLayer(true);
    expect(doc.type).toBe('FeatureCollection');
    expect(doc.features.map((f) => [f.properties.id, f.properties.name, f.properties.population])).toEqual([
      ['A', 'West', 100],
      ['B', 'Middle', 200],
      ['C', 'East', 300],
    ]);
    expect(doc.features[0].geometry).toEqual({ type: 'Point', coordinates: [0, 0] });
  });

  it('gives shares 0–1 per service (all ages) and per age band (all services), today and with the plan', async () => {
    const { byId } = await tinyLayer(true);
    const b = byId.get('B')!;
    expect(b).toMatchObject({ today_svc_grocery: 0.7, today_svc_repair: 0, today_svc_clinic: 0, plan_svc_repair: 1, plan_svc_grocery: 0.7 });
    expect(b).toMatchObject({ today_age_75_plus: 0, plan_age_75_plus: 0.3333, today_age_35_59: 0.3333, plan_age_35_59: 0.6667 });
    expect(b).toMatchObject({ today_all: 0.2333, plan_all: 0.5667, change_all: 0.3333, today_every_basic: 0, plan_every_basic: 0.7 });
    expect(byId.get('C')).toMatchObject({ today_all: 0.6667, plan_all: 0.6667, change_all: 0, today_every_basic: 1 });
  });

  it('names the weakest service in English and Chinese, and titles each block in both', async () => {
    const { byId } = await tinyLayer(true);
    expect(byId.get('B')).toMatchObject({ weakest_service: 'clinic', weakest_service_name: 'Clinic', weakest_service_name_zh: '社区卫生服务站' });
    expect(byId.get('B')!.title).toBe('B Middle: 23% of service needs within reach today, 57% with the plan');
    expect(byId.get('B')!.title_zh).toBe('B Middle：服务需求可达率 现状 23%，实施方案后 57%');
  });

  it('is styled like plan.geojson: marker colour from the share with the plan', async () => {
    const { byId } = await tinyLayer(true);
    expect(byId.get('B')).toMatchObject({ 'marker-color': shareColour(0.5667), 'marker-size': 'small', fill: shareColour(0.5667) });
    expect(shareColour(0)).toBe('#d7191c');
    expect(shareColour(1)).toBe('#1a9641');
  });

  it('holds only today without a plan', async () => {
    const { byId } = await tinyLayer(false);
    const keys = Object.keys(byId.get('A')!);
    expect(keys.filter((k) => k.startsWith('plan_') || k.startsWith('change_'))).toEqual([]);
    expect(byId.get('A')!.title).toBe('A West: 33% of service needs within reach today');
  });

  it('writes no NaN or Infinity', async () => {
    const { doc } = await tinyLayer(true);
    const text = JSON.stringify(doc);
    expect(text).not.toMatch(/NaN|Infinity|null/);
  });
});
