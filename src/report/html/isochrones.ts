/**
 * Walking-radius areas around conversions: for each conversion, service it offers and age band, a
 * circle of radius threshold x speed / detour factor (turf `circle`). A stand-in for network
 * isochrones: on an OSM network, the straight-line radius uses DEFAULT_DETOUR.
 */
import { circle } from '@turf/turf';
import { AGE_BANDS } from '../../core/ageBands.ts';
import type { Scenario } from '../../scenario/types.ts';
import type { ReportConversion, ReportIsochrone } from './data.ts';
import { r6 } from './geometry.ts';

/** Typical ratio of walking distance on a street network to straight-line distance. */
export const DEFAULT_DETOUR = 1.3;

export function detourFactor(sc: Scenario): number {
  return sc.network.kind === 'euclidean' ? sc.network.detourFactor : DEFAULT_DETOUR;
}

export function isochroneNote(sc: Scenario): string {
  return `walking-radius circles: threshold x age band's speed / detour factor ${detourFactor(sc)}${sc.network.kind === 'euclidean' ? '' : ' (approximate: not the street network)'}`;
}

export function conversionIsochrones(sc: Scenario, conversions: ReportConversion[], steps = 48): ReportIsochrone[] {
  const detour = detourFactor(sc);
  const out: ReportIsochrone[] = [];
  for (const c of conversions) {
    for (const sid of c.services) {
      const svc = sc.services[sc.serviceIndex.get(sid)!];
      AGE_BANDS.forEach((band, b) => {
        const metres = (svc.thresholdMin * 60 * sc.behaviour.speedMps[b]) / detour;
        const poly = circle([c.lon, c.lat], metres / 1000, { steps, units: 'kilometers' });
        out.push({ candidate: c.candidate, service: sid, band, metres: Math.round(metres), rings: poly.geometry.coordinates.map((ring) => ring.map(([x, y]) => [r6(x), r6(y)])) });
      });
    }
  }
  return out;
}
