/**
 * Walking areas around conversions, for each conversion, service it offers and age band, out to the
 * coverage rule's threshold distance (src/coverage/rule.ts thresholdMetres: the service's threshold at
 * the band's speed): on an OSM network, the network isochrone
 * (src/network/isochrone.ts: the streets walkable within that distance); without a network, a circle
 * of radius distance / detour factor (turf `circle`).
 */
import { circle } from '@turf/circle';
import { AGE_BANDS } from '../../core/ageBands.ts';
import type { Lang } from '../../i18n/lang.ts';
import { fillString, reportStrings } from '../../i18n/report.ts';
import { thresholdMetres } from '../../coverage/rule.ts';
import { readNetworkFile } from '../../network/binary.ts';
import { isochrone } from '../../network/isochrone.ts';
import { SnapIndex } from '../../network/snap.ts';
import type { Scenario } from '../../scenario/types.ts';
import type { ReportConversion, ReportIsochrone } from './data.ts';
import { r6 } from './geometry.ts';

export function isochroneNote(sc: Scenario, lang: Lang = 'en'): string {
  const t = reportStrings(lang);
  return sc.network.kind === 'osm' ? t.isoNetwork : fillString(t.isoCircles, { detour: sc.network.detourFactor });
}

const roundRings = (rings: number[][][]) => rings.map((ring) => ring.map(([x, y]) => [r6(x), r6(y)]));

/** With `radiusOnly` (a big report), a circle is given by its radius alone (`rings` empty): the page draws it. */
export function conversionIsochrones(sc: Scenario, conversions: ReportConversion[], steps = 48, radiusOnly = false): ReportIsochrone[] {
  const net = sc.network.kind === 'osm' && conversions.length > 0 ? readNetworkFile(sc.network.file) : null;
  const index = net ? new SnapIndex(net) : null;
  const snapLimitM = sc.network.kind === 'osm' ? sc.network.snapLimitM : 0;
  const out: ReportIsochrone[] = [];
  for (const c of conversions) {
    for (const sid of c.services) {
      const svc = sc.services[sc.serviceIndex.get(sid)!];
      AGE_BANDS.forEach((band, b) => {
        const walk = thresholdMetres(svc.thresholdMin, sc.behaviour.speedMps[b]);
        if (net && index) {
          const poly = isochrone(net, c.lon, c.lat, walk, { index, snapLimitM });
          if (poly) out.push({ candidate: c.candidate, service: sid, band, metres: Math.round(walk), radiusM: null, rings: roundRings(poly.coordinates) });
          return;
        }
        const detour = sc.network.kind === 'euclidean' ? sc.network.detourFactor : 1;
        if (radiusOnly) {
          out.push({ candidate: c.candidate, service: sid, band, metres: Math.round(walk), radiusM: Math.round(walk / detour), rings: [] });
          return;
        }
        const poly = circle([c.lon, c.lat], walk / detour / 1000, { steps, units: 'kilometers' });
        out.push({ candidate: c.candidate, service: sid, band, metres: Math.round(walk), radiusM: Math.round(walk / detour), rings: roundRings(poly.geometry.coordinates) });
      });
    }
  }
  return out;
}
