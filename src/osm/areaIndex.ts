/**
 * Point-in-area lookups over many areas (land use, administrative boundaries): a uniform grid of
 * bounding boxes, then an exact point-in-polygon test. Where areas overlap, the smallest one wins
 * (the most specific land use, the lowest administrative level's polygon), ties by insertion order.
 */
import { type Area, areaBbox, areaM2, pointInArea } from './multipolygon.ts';

interface Entry<T> {
  area: Area;
  bbox: [number, number, number, number];
  sizeM2: number;
  value: T;
  order: number;
}

const CELL_DEG = 0.01;
/** Areas spanning more grid cells than this (regions, countries) are checked for every point instead. */
const MAX_CELLS = 4096;

export class AreaIndex<T> {
  private readonly entries: Entry<T>[] = [];
  private readonly grid = new Map<string, number[]>();
  private readonly big: number[] = [];

  get size(): number {
    return this.entries.length;
  }

  add(area: Area, value: T): void {
    if (area.length === 0) return;
    const bbox = areaBbox(area);
    const k = this.entries.length;
    this.entries.push({ area, bbox, sizeM2: areaM2(area), value, order: k });
    const cells = (Math.floor(bbox[2] / CELL_DEG) - Math.floor(bbox[0] / CELL_DEG) + 1) * (Math.floor(bbox[3] / CELL_DEG) - Math.floor(bbox[1] / CELL_DEG) + 1);
    if (cells > MAX_CELLS) {
      this.big.push(k);
      return;
    }
    for (let gx = Math.floor(bbox[0] / CELL_DEG); gx <= Math.floor(bbox[2] / CELL_DEG); gx++) {
      for (let gy = Math.floor(bbox[1] / CELL_DEG); gy <= Math.floor(bbox[3] / CELL_DEG); gy++) {
        const key = `${gx}:${gy}`;
        const list = this.grid.get(key);
        if (list) list.push(k);
        else this.grid.set(key, [k]);
      }
    }
  }

  /** The smallest area holding the point, or null. */
  find(lon: number, lat: number): { value: T; sizeM2: number } | null {
    const list = this.grid.get(`${Math.floor(lon / CELL_DEG)}:${Math.floor(lat / CELL_DEG)}`) ?? [];
    let best: Entry<T> | null = null;
    for (const k of list.length === 0 ? this.big : this.big.length === 0 ? list : [...list, ...this.big]) {
      const e = this.entries[k];
      if (lon < e.bbox[0] || lon > e.bbox[2] || lat < e.bbox[1] || lat > e.bbox[3]) continue;
      if (best && (e.sizeM2 > best.sizeM2 || (e.sizeM2 === best.sizeM2 && e.order > best.order))) continue;
      if (pointInArea(lon, lat, e.area)) best = e;
    }
    return best ? { value: best.value, sizeM2: best.sizeM2 } : null;
  }

  /** Total area of the entries whose value passes the test, m² (overlaps counted twice). */
  totalM2(test: (v: T) => boolean): number {
    let a = 0;
    for (const e of this.entries) if (test(e.value)) a += e.sizeM2;
    return a;
  }
}
