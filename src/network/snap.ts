/**
 * Snapping points (blocks, facilities, candidates) to the nearest street: the nearest point on any
 * edge's geometry, found with a kdbush index over points sampled along every segment. A snapped point
 * enters the network at both ends of its edge, with the walk along the edge plus the straight access
 * walk from the point to the street. Points farther than the limit are not moved: they are reported.
 */
import KDBush from 'kdbush';
import { haversineM, localProjection, projectX, projectY, unprojectLat, unprojectLon, type LocalProjection } from './geo.ts';
import type { RoadNetwork } from './network.ts';

/** Default snapping limit, metres. */
export const DEFAULT_SNAP_LIMIT_M = 300;
/** Spacing of the sample points along segments, metres: the search radius is widened by half of it. */
const SAMPLE_SPACING_M = 25;

export interface SnapHit {
  /** Edge the point snapped to. */
  edge: number;
  /** Distance along the edge from edgeFrom to the snapped point, metres. */
  offsetM: number;
  /** Straight distance from the point to the snapped point, metres. */
  accessM: number;
  lon: number;
  lat: number;
}

/** Snapped points, column-wise; edge is -1 for points beyond the limit (their other fields are NaN). */
export interface SnapResult {
  count: number;
  edge: Int32Array;
  offsetM: Float64Array;
  accessM: Float64Array;
  lon: Float64Array;
  lat: Float64Array;
  limitM: number;
  /** Indices of the points farther than limitM from every street. */
  far: number[];
}

export class SnapIndex {
  readonly net: RoadNetwork;
  readonly proj: LocalProjection;
  private readonly index: KDBush | null;
  /** Segment (= index of its first shape point) of each sample point. */
  private readonly sampleSeg: Int32Array;
  private readonly shapeEdge: Int32Array;
  private readonly shapeX: Float64Array;
  private readonly shapeY: Float64Array;
  /** Walking distance from the edge's start to each shape point, metres. */
  private readonly shapeCum: Float64Array;
  private readonly stamp: Int32Array;
  private query = 0;

  constructor(net: RoadNetwork) {
    this.net = net;
    const { shapeOffsets, shapeLon, shapeLat, edgeCount } = net;
    const s = shapeLon.length;
    let minLon = Infinity, maxLon = -Infinity, minLat = Infinity, maxLat = -Infinity;
    for (let i = 0; i < s; i++) {
      if (shapeLon[i] < minLon) minLon = shapeLon[i];
      if (shapeLon[i] > maxLon) maxLon = shapeLon[i];
      if (shapeLat[i] < minLat) minLat = shapeLat[i];
      if (shapeLat[i] > maxLat) maxLat = shapeLat[i];
    }
    this.proj = s > 0 ? localProjection((minLon + maxLon) / 2, (minLat + maxLat) / 2) : localProjection(0, 0);
    this.shapeEdge = new Int32Array(s).fill(-1);
    this.shapeX = new Float64Array(s);
    this.shapeY = new Float64Array(s);
    this.shapeCum = new Float64Array(s);
    this.stamp = new Int32Array(s);
    let samples = 0;
    for (let e = 0; e < edgeCount; e++) {
      const a = shapeOffsets[e];
      const b = shapeOffsets[e + 1];
      for (let i = a; i < b; i++) {
        this.shapeEdge[i] = e;
        this.shapeX[i] = projectX(this.proj, shapeLon[i]);
        this.shapeY[i] = projectY(this.proj, shapeLat[i]);
        this.shapeCum[i] = i === a ? 0 : this.shapeCum[i - 1] + haversineM(shapeLon[i - 1], shapeLat[i - 1], shapeLon[i], shapeLat[i]);
      }
      for (let i = a; i < b - 1; i++) samples += this.samplesOn(i);
    }
    this.sampleSeg = new Int32Array(samples);
    if (samples === 0) {
      this.index = null;
      return;
    }
    const index = new KDBush(samples, 64, Float64Array);
    let k = 0;
    for (let e = 0; e < edgeCount; e++) {
      for (let i = shapeOffsets[e]; i < shapeOffsets[e + 1] - 1; i++) {
        const steps = this.samplesOn(i);
        const x0 = this.shapeX[i], y0 = this.shapeY[i];
        const dx = this.shapeX[i + 1] - x0, dy = this.shapeY[i + 1] - y0;
        for (let j = 0; j < steps; j++) {
          const t = steps === 1 ? 0 : j / (steps - 1);
          index.add(x0 + t * dx, y0 + t * dy);
          this.sampleSeg[k++] = i;
        }
      }
    }
    this.index = index.finish();
  }

  /** Sample points on segment i (its two ends included; at most SAMPLE_SPACING_M apart). */
  private samplesOn(i: number): number {
    const len = Math.hypot(this.shapeX[i + 1] - this.shapeX[i], this.shapeY[i + 1] - this.shapeY[i]);
    return 2 + Math.floor(len / SAMPLE_SPACING_M);
  }

  /** The nearest point on the network within limitM of (lon, lat), or null. Ties go to the lowest segment. */
  snap(lon: number, lat: number, limitM = DEFAULT_SNAP_LIMIT_M): SnapHit | null {
    if (!this.index || !Number.isFinite(lon) || !Number.isFinite(lat)) return null;
    const x = projectX(this.proj, lon);
    const y = projectY(this.proj, lat);
    let r = Math.min(50, limitM);
    for (;;) {
      const best = this.nearestWithin(x, y, r + SAMPLE_SPACING_M / 2);
      // Any segment within r has a sample point within r + spacing/2, so a best hit within r is the true nearest.
      if (best && best.d <= r) return this.hit(best.seg, best.t, lon, lat);
      if (r >= limitM) return null;
      r = Math.min(limitM, r * 4);
    }
  }

  private nearestWithin(x: number, y: number, radius: number): { seg: number; t: number; d: number } | null {
    const ids = this.index!.within(x, y, radius);
    const q = ++this.query;
    let bestD = Infinity, bestSeg = -1, bestT = 0;
    for (const id of ids) {
      const i = this.sampleSeg[id];
      if (this.stamp[i] === q) continue;
      this.stamp[i] = q;
      const x0 = this.shapeX[i], y0 = this.shapeY[i];
      const dx = this.shapeX[i + 1] - x0, dy = this.shapeY[i + 1] - y0;
      const l2 = dx * dx + dy * dy;
      let t = l2 > 0 ? ((x - x0) * dx + (y - y0) * dy) / l2 : 0;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const d = Math.hypot(x0 + t * dx - x, y0 + t * dy - y);
      if (d < bestD || (d === bestD && i < bestSeg)) {
        bestD = d;
        bestSeg = i;
        bestT = t;
      }
    }
    return bestSeg < 0 ? null : { seg: bestSeg, t: bestT, d: bestD };
  }

  private hit(seg: number, t: number, lon: number, lat: number): SnapHit {
    const e = this.shapeEdge[seg];
    const sx = this.shapeX[seg] + t * (this.shapeX[seg + 1] - this.shapeX[seg]);
    const sy = this.shapeY[seg] + t * (this.shapeY[seg + 1] - this.shapeY[seg]);
    const slon = unprojectLon(this.proj, sx);
    const slat = unprojectLat(this.proj, sy);
    const partial = haversineM(this.net.shapeLon[seg], this.net.shapeLat[seg], slon, slat);
    const offsetM = Math.min(this.net.edgeLength[e], Math.max(0, this.shapeCum[seg] + partial));
    return { edge: e, offsetM, accessM: haversineM(lon, lat, slon, slat), lon: slon, lat: slat };
  }

  /** Snap many points; those beyond limitM are listed in `far`, never moved. */
  snapAll(lon: ArrayLike<number>, lat: ArrayLike<number>, limitM = DEFAULT_SNAP_LIMIT_M): SnapResult {
    const count = lon.length;
    const res: SnapResult = {
      count,
      edge: new Int32Array(count).fill(-1),
      offsetM: new Float64Array(count).fill(NaN),
      accessM: new Float64Array(count).fill(NaN),
      lon: new Float64Array(count).fill(NaN),
      lat: new Float64Array(count).fill(NaN),
      limitM,
      far: [],
    };
    for (let i = 0; i < count; i++) {
      const h = this.snap(lon[i], lat[i], limitM);
      if (!h) {
        res.far.push(i);
        continue;
      }
      res.edge[i] = h.edge;
      res.offsetM[i] = h.offsetM;
      res.accessM[i] = h.accessM;
      res.lon[i] = h.lon;
      res.lat[i] = h.lat;
    }
    return res;
  }
}

/** One line naming the points beyond the snapping limit by id (at most `show` of them), or '' when none. */
export function farPointsWarning(what: string, ids: readonly string[], res: SnapResult, show = 20): string {
  if (res.far.length === 0) return '';
  const names = res.far.slice(0, show).map((i) => ids[i] ?? String(i));
  const more = res.far.length > show ? ` and ${res.far.length - show} more` : '';
  return `${res.far.length} of ${res.count} ${what} are farther than ${res.limitM} m from any street and stay unreachable: ${names.join(', ')}${more}`;
}
