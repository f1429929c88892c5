/** Allocating result columns: SharedArrayBuffer-backed in workers (so results cross threads without a copy), plain otherwise. */

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

type TypedCtor<T> = { new (buffer: ArrayBufferLike, byteOffset?: number, length?: number): T; new (length: number): T; BYTES_PER_ELEMENT: number };

export function alloc<T>(Ctor: TypedCtor<T>, length: number, shared: boolean): T {
  if (!shared) return new Ctor(length);
  return new Ctor(new SharedArrayBuffer(Math.max(1, length) * Ctor.BYTES_PER_ELEMENT), 0, length);
}

export function allocResidents(count: number, shared: boolean): ResidentColumns {
  return {
    count,
    homeBlock: alloc(Int32Array, count, shared),
    ageBand: alloc(Uint8Array, count, shared),
    ageYears: alloc(Uint8Array, count, shared),
    speedMps: alloc(Float32Array, count, shared),
    household: alloc(Int32Array, count, shared),
    escort: alloc(Int32Array, count, shared),
  };
}

export function allocTrips(count: number, shared: boolean): TripColumns {
  return {
    count,
    resident: alloc(Int32Array, count, shared),
    ageBand: alloc(Uint8Array, count, shared),
    service: alloc(Uint16Array, count, shared),
    originBlock: alloc(Int32Array, count, shared),
    site: alloc(Int32Array, count, shared),
    departureMin: alloc(Uint16Array, count, shared),
    walkMin: alloc(Float32Array, count, shared),
    within: alloc(Uint8Array, count, shared),
    tourLeg: alloc(Uint8Array, count, shared),
  };
}

export const TRIP_COLUMN_NAMES = ['resident', 'ageBand', 'service', 'originBlock', 'site', 'departureMin', 'walkMin', 'within', 'tourLeg'] as const;
export const RESIDENT_COLUMN_NAMES = ['homeBlock', 'ageBand', 'ageYears', 'speedMps', 'household', 'escort'] as const;

/** Copy the first `count` rows of `src` into `dst` starting at row `at`. */
export function copyTrips(src: TripColumns, count: number, dst: TripColumns, at: number): void {
  for (const k of TRIP_COLUMN_NAMES) (dst[k] as Uint8Array).set((src[k] as Uint8Array).subarray(0, count), at);
}

export function copyResidents(src: ResidentColumns, dst: ResidentColumns, at: number): void {
  for (const k of RESIDENT_COLUMN_NAMES) (dst[k] as Uint8Array).set((src[k] as Uint8Array).subarray(0, src.count), at);
}

/** A growable trip table (doubling). */
export class TripBuffer {
  cols: TripColumns;
  length = 0;
  constructor(initial: number) {
    this.cols = allocTrips(Math.max(16, initial), false);
  }
  /** Make room for n more rows. */
  reserve(n: number): void {
    if (this.length + n <= this.cols.count) return;
    const bigger = allocTrips(Math.max(this.cols.count * 2, this.length + n), false);
    copyTrips(this.cols, this.length, bigger, 0);
    this.cols = bigger;
  }
}
