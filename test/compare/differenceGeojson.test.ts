/** The difference layer on the tiny fixture: P1 (repair in kiosk K1, block B) and P2 (grocery in shop S1, next to B); see compare.test.ts. */
import { describe, expect, it } from 'vitest';
import { comparePlans } from '../../src/compare/compare.ts';
import { differenceGeojson } from '../../src/compare/differenceGeojson.ts';
import { parsePlan } from '../../src/plan/io.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { computeDistanceMatrix } from '../../src/travel/travelMatrix.ts';
import { P1, P2, TINY } from './tinyPlans.ts';

type Feature = { geometry: { type: string }; properties: Record<string, unknown> };

async function layer() {
  const sc = await loadScenario(TINY);
  const matrix = await computeDistanceMatrix(sc);
  const cmp = comparePlans(sc, matrix, [
    { label: 'P1', file: null, plan: parsePlan(P1, 'P1.json', sc) },
    { label: 'P2', file: null, plan: parsePlan(P2, 'P2.json', sc) },
  ]);
  return differenceGeojson(sc, cmp) as { features: Feature[] };
}

describe('difference.geojson', () => {
  it('holds only the blocks that gain or lose access, per comparison', async () => {
    const { features } = await layer();
    expect(features.map((f) => [f.properties.plan, f.properties.reference, f.properties.id])).toEqual([
      ['P1', 'today', 'B'],
      ['P2', 'today', 'B'],
      ['P2', 'P1', 'B'],
    ]);
  });

  it('counts resident-services gained and lost, with the services by id and in Chinese', async () => {
    const { features } = await layer();
    const [p1, p2, p2vsP1] = features.map((f) => f.properties);
    expect(p1).toMatchObject({ gained: 200, lost: 0, net: 200, services_gained: 'repair', services_lost: '', services_gained_zh: '维修点（配钥匙、修鞋、缝补）' });
    expect(p1).toMatchObject({ share_before: 0.2333, share_after: 0.5667, change: 0.3333, 'marker-color': '#1a9641' });
    expect(p2).toMatchObject({ gained: 60, lost: 0, services_gained: 'grocery' });
    expect(p2vsP1).toMatchObject({ gained: 60, lost: 200, net: -140, services_gained: 'grocery', services_lost: 'repair', 'marker-color': '#fdae61' });
    expect(p2vsP1.title_zh).toMatch(/^B Middle：P2 对比 P1/);
  });
});
