/**
 * plan.geojson: the plan's conversions (large markers, coloured by the first service's category) and
 * the existing facilities (small grey markers), with simplestyle-spec properties (marker-color,
 * marker-size, title, description) that geojson.io draws and QGIS shows as attributes.
 */
import type { Scenario } from '../scenario/types.ts';
import { conversionCost } from './cost.ts';
import type { Plan } from './types.ts';

const COLOURS = { basic: '#d7301f', quality: '#2b8cbe', existing: '#969696' };

export function planGeojson(sc: Scenario, plan: Plan): Record<string, unknown> {
  const features: Record<string, unknown>[] = [];
  for (const c of [...plan.conversions].sort((a, b) => a.candidateIndex - b.candidateIndex)) {
    const j = c.candidateIndex;
    const services = c.serviceIndices.map((s) => sc.services[s]);
    const { areaM2, cost } = conversionCost(sc, c);
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [sc.candidates.lon[j], sc.candidates.lat[j]] },
      properties: {
        layer: 'conversion',
        id: sc.candidates.ids[j],
        name: sc.candidates.names[j],
        kind: sc.candidates.kinds[j],
        services: services.map((s) => s.id).join(';'),
        area_m2: sc.candidates.areaM2[j],
        area_m2_used: areaM2,
        cost: Math.round(cost),
        title: `${sc.candidates.ids[j]}: ${services.map((s) => s.name).join(' + ')}`,
        description: `${sc.candidates.names[j]} (${sc.candidates.kinds[j]}, ${sc.candidates.areaM2[j]} m²): ${areaM2} m² used, cost ${Math.round(cost)}`,
        'marker-color': services.some((s) => s.category === 'basic') ? COLOURS.basic : COLOURS.quality,
        'marker-size': 'large',
        'marker-symbol': 'star',
      },
    });
  }
  const f = sc.facilities;
  for (let i = 0; i < f.count; i++) {
    const services = Array.from(f.serviceIndex.subarray(f.serviceOffsets[i], f.serviceOffsets[i + 1]), (s) => sc.services[s].id).join(';');
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [f.lon[i], f.lat[i]] },
      properties: { layer: 'existing', id: f.ids[i], name: f.names[i], services, title: `${f.ids[i]}: ${services}`, 'marker-color': COLOURS.existing, 'marker-size': 'small' },
    });
  }
  return { type: 'FeatureCollection', name: `${sc.name} plan`, features };
}
