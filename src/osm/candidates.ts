/**
 * Candidate idle spaces from OSM tags. Sources, their kind and the floor area each gets:
 *
 * | tags | kind | area |
 * | --- | --- | --- |
 * | shop=vacant, disused:shop=* | vacant-shop | the outline's area, else 80 m² (--candidate-area) |
 * | building=kiosk with no shop or amenity (an empty kiosk) | kiosk | the outline's area, else 6 m² |
 * | disused:amenity / office / craft = * | disused-premises | the outline's area, else 80 m² |
 * | amenity=parking, surface (parking absent or =surface), outline up to 2,000 m², not private | parking-corner | 10% of the lot, 20 to 60 m² |
 * | landuse=brownfield | brownfield | the outline's area, at most 1,000 m² |
 * | landuse=construction, building=construction (only with --include-construction) | construction-site | the outline's area, at most 1,000 m² |
 *
 * Construction sites are being built on, so they are not idle unless asked for. Every service whose
 * minimum area fits is allowed.
 */
import type { Candidates, ServiceDef } from '../scenario/types.ts';
import { isClosedRing, representativePoint, ringAreaM2, round7, wayCoords } from './geometry.ts';
import type { OsmExtract, Tags } from './read.ts';

export const DEFAULT_CANDIDATE_AREA_M2 = 80;
export const KIOSK_AREA_M2 = 6;
export const SMALL_PARKING_MAX_M2 = 2000;
export const LAND_AREA_CAP_M2 = 1000;
const DISUSED_PREMISES = ['disused:shop', 'disused:amenity', 'disused:office', 'disused:craft'];

export interface CandidateOptions {
  defaultAreaM2?: number;
  includeConstruction?: boolean;
}

/** The candidate kind of an element's tags, or null (construction sites only when included). */
export function candidateKind(tags: Tags, includeConstruction = false): string | null {
  if (tags.shop === 'vacant' || tags['disused:shop'] !== undefined) return 'vacant-shop';
  if (DISUSED_PREMISES.some((k) => tags[k] !== undefined)) return 'disused-premises';
  if (tags.building === 'kiosk' && tags.shop === undefined && tags.amenity === undefined) return 'kiosk';
  if (tags.amenity === 'parking' && (tags.parking === undefined || tags.parking === 'surface') && tags.access !== 'private' && tags.access !== 'no') return 'parking-corner';
  if (tags.landuse === 'brownfield') return 'brownfield';
  if (includeConstruction && (tags.building === 'construction' || tags.landuse === 'construction')) return 'construction-site';
  return null;
}

/** The floor area a space of this kind offers, from its outline's area (null: drawn as a point), or null when it is not a candidate after all (a large parking lot, a parking point). */
export function candidateArea(kind: string, outlineM2: number | null, defaultAreaM2: number): number | null {
  switch (kind) {
    case 'kiosk':
      return outlineM2 ?? KIOSK_AREA_M2;
    case 'parking-corner':
      if (outlineM2 === null || outlineM2 > SMALL_PARKING_MAX_M2) return null;
      return Math.min(60, Math.max(20, 0.1 * outlineM2));
    case 'brownfield':
    case 'construction-site':
      return Math.min(LAND_AREA_CAP_M2, outlineM2 ?? defaultAreaM2);
    default:
      return outlineM2 ?? defaultAreaM2;
  }
}

export interface CandidateReport {
  byKind: Record<string, number>;
  /** Candidates without a polygon, given the default area. */
  defaultArea: number;
  missingNodes: number;
  /** Tagged spaces not taken, by reason (construction sites without --include-construction, large or point parking). */
  skipped: Record<string, number>;
}

export function candidatesFromTags(x: OsmExtract, services: ServiceDef[], opts: CandidateOptions | number = {}): { candidates: Candidates; report: CandidateReport } {
  const o: CandidateOptions = typeof opts === 'number' ? { defaultAreaM2: opts } : opts;
  const defaultAreaM2 = o.defaultAreaM2 ?? DEFAULT_CANDIDATE_AREA_M2;
  const rows: { id: string; name: string; kind: string; lon: number; lat: number; area: number }[] = [];
  const report: CandidateReport = { byKind: {}, defaultArea: 0, missingNodes: 0, skipped: {} };
  const add = (id: string, tags: Tags, kind: string, p: [number, number], outline: number | null) => {
    const area = candidateArea(kind, outline, defaultAreaM2);
    if (area === null) {
      const why = kind === 'parking-corner' ? (outline === null ? 'parking drawn as a point' : `parking over ${SMALL_PARKING_MAX_M2} m²`) : kind;
      report.skipped[why] = (report.skipped[why] ?? 0) + 1;
      return;
    }
    if (outline === null) report.defaultArea++;
    report.byKind[kind] = (report.byKind[kind] ?? 0) + 1;
    rows.push({ id, name: tags.name ?? '', kind, lon: round7(p[0]), lat: round7(p[1]), area: Math.max(1, Math.round(area)) });
  };
  for (const n of x.taggedNodes) {
    const kind = candidateKind(n.tags, o.includeConstruction);
    if (kind) add(`node/${n.id}`, n.tags, kind, [x.lon[n.index], x.lat[n.index]], null);
    else if (isConstruction(n.tags)) report.skipped['construction site'] = (report.skipped['construction site'] ?? 0) + 1;
  }
  for (const w of x.ways) {
    const kind = candidateKind(w.tags, o.includeConstruction);
    if (!kind) {
      if (isConstruction(w.tags)) report.skipped['construction site'] = (report.skipped['construction site'] ?? 0) + 1;
      continue;
    }
    const coords = wayCoords(x, w);
    if (!coords || coords.length === 0) {
      report.missingNodes++;
      continue;
    }
    add(`way/${w.id}`, w.tags, kind, representativePoint(coords), isClosedRing(coords) ? ringAreaM2(coords) : null);
  }
  return { candidates: makeCandidates(rows, services), report };
}

const isConstruction = (t: Tags) => t.building === 'construction' || t.landuse === 'construction';

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
