/** Allocating result columns: SharedArrayBuffer-backed in workers (so results cross threads without a copy), plain otherwise. */
import { allocArray, sharedArray } from '../core/buffers.ts';

/** Residents as columns, numbered globally in block order. */
export interface ResidentColumns {
  count: number;
  homeBlock: Int32Array;
  ageBand: Uint8Array;
  ageYears: Uint8Array;
  speedMps: Float32Array;
  /** Household id = global index of the household's first member. */
  household: Int32Array;
  /** For 0-5 year olds: global index of the escorting adult, else -1. */
  escort: Int32Array;
}

/** Trips as columns, in block order, then resident order, then departure order. */
export interface TripColumns {
  count: number;
  resident: Int32Array;
  ageBand: Uint8Array;
  service: Uint16Array;
  originBlock: Int32Array;
  /** Site index (facilities 0..F-1, candidates F..), -1 when no site offering the service is within reach. */
  site: Int32Array;
  departureMin: Uint16Array;
  /** Walking minutes from home to the site; NaN when unserved. */
  walkMin: Float32Array;
  /** 1 when walkMin <= the service's threshold. */
  within: Uint8Array;
  /** 0 for a trip on its own, k >= 1 for the k-th stop of a chained tour. */
  tourLeg: Uint8Array;
}

export function allocResidents(count: number, shared: boolean): ResidentColumns {
  return {
    count,
    homeBlock: allocArray(Int32Array, count, shared),
    ageBand: allocArray(Uint8Array, count, shared),
    ageYears: allocArray(Uint8Array, count, shared),
    speedMps: allocArray(Float32Array, count, shared),
    household: allocArray(Int32Array, count, shared),
    escort: allocArray(Int32Array, count, shared),
  };
}

export function allocTrips(count: number, shared: boolean): TripColumns {
  return {
    count,
    resident: allocArray(Int32Array, count, shared),
    ageBand: allocArray(Uint8Array, count, shared),
    service: allocArray(Uint16Array, count, shared),
    originBlock: allocArray(Int32Array, count, shared),
    site: allocArray(Int32Array, count, shared),
    departureMin: allocArray(Uint16Array, count, shared),
    walkMin: allocArray(Float32Array, count, shared),
    within: allocArray(Uint8Array, count, shared),
    tourLeg: allocArray(Uint8Array, count, shared),
  };
}

export const TRIP_COLUMN_NAMES = ['resident', 'ageBand', 'service', 'originBlock', 'site', 'departureMin', 'walkMin', 'within', 'tourLeg'] as const;
export const RESIDENT_COLUMN_NAMES = ['homeBlock', 'ageBand', 'ageYears', 'speedMps', 'household', 'escort'] as const;

/** Copy the first `count` rows of `src` into `dst` starting at row `at`. */
export function copyTrips(src: TripColumns, count: number, dst: TripColumns, at: number): void {
  for (const k of TRIP_COLUMN_NAMES) (dst[k] as Uint8Array).set((src[k] as Uint8Array).subarray(0, count), at);
}

/** The trips with every column in shared memory (those already there as they are, the others copied), for workers to read without a copy. */
export function sharedTrips(t: TripColumns): TripColumns {
  const out = { ...t };
  for (const k of TRIP_COLUMN_NAMES) (out[k] as Uint8Array) = sharedArray(t[k] as Uint8Array);
  return out;
}

export function copyResidents(src: ResidentColumns, dst: ResidentColumns, at: number): void {
  for (const k of RESIDENT_COLUMN_NAMES) (dst[k] as Uint8Array).set((src[k] as Uint8Array).subarray(0, src.count), at);
}

/** A growable trip table (doubling), in shared memory when `shared`. */
export class TripBuffer {
  cols: TripColumns;
  length = 0;
  private readonly shared: boolean;
  constructor(initial: number, shared = false) {
    this.shared = shared;
    this.cols = allocTrips(Math.max(16, initial), shared);
  }
  /** Make room for n more rows. */
  reserve(n: number): void {
    if (this.length + n <= this.cols.count) return;
    const bigger = allocTrips(Math.max(this.cols.count * 2, this.length + n), this.shared);
    copyTrips(this.cols, this.length, bigger, 0);
    this.cols = bigger;
  }
  /**
   * The rows written, as columns of exactly `length` rows: views on the buffer when it is at least
   * three quarters full (no copy), else a copy that lets the unused rows go.
   */
  columns(): TripColumns {
    const n = this.length;
    if (n < 0.75 * this.cols.count) {
      const out = allocTrips(n, this.shared);
      copyTrips(this.cols, n, out, 0);
      return out;
    }
    const c = this.cols;
    return { count: n, resident: c.resident.subarray(0, n), ageBand: c.ageBand.subarray(0, n), service: c.service.subarray(0, n), originBlock: c.originBlock.subarray(0, n), site: c.site.subarray(0, n), departureMin: c.departureMin.subarray(0, n), walkMin: c.walkMin.subarray(0, n), within: c.within.subarray(0, n), tourLeg: c.tourLeg.subarray(0, n) };
  }
}
