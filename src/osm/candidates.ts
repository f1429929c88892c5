/**
 * Candidate idle spaces from OSM: vacant or disused premises (shop=vacant, disused:shop / amenity /
 * office / craft), brownfields and construction sites. Area from the polygon (turf) when the space is
 * drawn as one, else a default floor area. Every service whose minimum area fits is allowed.
 */
import type { Candidates, ServiceDef } from '../scenario/types.ts';
import { isClosedRing, representativePoint, ringAreaM2, round7, wayCoords } from './geometry.ts';
import type { OsmExtract, Tags } from './read.ts';

export const DEFAULT_CANDIDATE_AREA_M2 = 80;
const DISUSED_PREMISES = ['disused:shop', 'disused:amenity', 'disused:office', 'disused:craft'];

/** The candidate kind of an element's tags, or null. */
export function candidateKind(tags: Tags): string | null {
  if (tags.shop === 'vacant' || tags['disused:shop'] !== undefined) return 'vacant-shop';
  if (DISUSED_PREMISES.some((k) => tags[k] !== undefined)) return 'disused-premises';
  if (tags.landuse === 'brownfield') return 'brownfield';
  if (tags.building === 'construction' || tags.landuse === 'construction') return 'construction-site';
  return null;
}

export interface CandidateReport {
  byKind: Record<string, number>;
  /** Candidates without a polygon, given the default area. */
  defaultArea: number;
  missingNodes: number;
}

export function candidatesFromTags(x: OsmExtract, services: ServiceDef[], defaultAreaM2 = DEFAULT_CANDIDATE_AREA_M2): { candidates: Candidates; report: CandidateReport } {
  const rows: { id: string; name: string; kind: string; lon: number; lat: number; area: number }[] = [];
  const report: CandidateReport = { byKind: {}, defaultArea: 0, missingNodes: 0 };
  const add = (id: string, tags: Tags, kind: string, p: [number, number], area: number | null) => {
    if (area === null) report.defaultArea++;
    report.byKind[kind] = (report.byKind[kind] ?? 0) + 1;
    rows.push({ id, name: tags.name ?? '', kind, lon: round7(p[0]), lat: round7(p[1]), area: Math.round(area ?? defaultAreaM2) });
  };
  for (const n of x.taggedNodes) {
    const kind = candidateKind(n.tags);
    if (kind) add(`node/${n.id}`, n.tags, kind, [x.lon[n.index], x.lat[n.index]], null);
  }
  for (const w of x.ways) {
    const kind = candidateKind(w.tags);
    if (!kind) continue;
    const coords = wayCoords(x, w);
    if (!coords || coords.length === 0) {
      report.missingNodes++;
      continue;
    }
    add(`way/${w.id}`, w.tags, kind, representativePoint(coords), isClosedRing(coords) ? ringAreaM2(coords) : null);
  }
  return { candidates: makeCandidates(rows, services), report };
}

/** Candidates columns; allowed = every service whose minimum area fits. */
export function makeCandidates(rows: { id: string; name: string; kind: string; lon: number; lat: number; area: number }[], services: ServiceDef[]): Candidates {
  const n = rows.length;
  const allowedOffsets = new Int32Array(n + 1);
  const allowed: number[] = [];
  rows.forEach((r, i) => {
    services.forEach((s, k) => {
      if (s.minAreaM2 <= r.area) allowed.push(k);
    });
    allowedOffsets[i + 1] = allowed.length;
  });
  return {
    count: n,
    ids: rows.map((r) => r.id),
    names: rows.map((r) => r.name),
    kinds: rows.map((r) => r.kind),
    lon: Float64Array.from(rows, (r) => r.lon),
    lat: Float64Array.from(rows, (r) => r.lat),
    areaM2: Float64Array.from(rows, (r) => r.area),
    costMultiplier: new Float64Array(n).fill(1),
    allowedOffsets,
    allowedIndex: Int32Array.from(allowed),
  };
}

/** Append b's candidates to a's (ids must not collide: checked by the caller). */
export function concatCandidates(a: Candidates, b: Candidates): Candidates {
  const cat = <T extends Float64Array | Int32Array>(p: T, q: T, make: (n: number) => T): T => {
    const out = make(p.length + q.length);
    out.set(p, 0);
    out.set(q, p.length);
    return out;
  };
  const shifted = b.allowedOffsets.subarray(1).map((o) => o + a.allowedIndex.length);
  return {
    count: a.count + b.count,
    ids: [...a.ids, ...b.ids],
    names: [...a.names, ...b.names],
    kinds: [...a.kinds, ...b.kinds],
    lon: cat(a.lon, b.lon, (n) => new Float64Array(n)),
    lat: cat(a.lat, b.lat, (n) => new Float64Array(n)),
    areaM2: cat(a.areaM2, b.areaM2, (n) => new Float64Array(n)),
    costMultiplier: cat(a.costMultiplier, b.costMultiplier, (n) => new Float64Array(n)),
    allowedOffsets: cat(a.allowedOffsets, shifted, (n) => new Int32Array(n)),
    allowedIndex: cat(a.allowedIndex, b.allowedIndex, (n) => new Int32Array(n)),
  };
}
