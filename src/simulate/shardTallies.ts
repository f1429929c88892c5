/**
 * A shard's tallies (filled by record.ts), in shared memory when the shard runs in a worker
 * (core/buffers.ts allocArray):
 * per (block of the shard, age band, service) — index ((block - blockStart) x 6 + band) x nServices +
 * service, the layout of the merged Tallies (types.ts) — trips, trips within the threshold, unserved
 * trips and served walking minutes; per (block of the shard, age band) residents and residents who
 * pass F15; per site its served trips.
 */
import { N_AGE_BANDS } from '../core/ageBands.ts';
import { allocArray } from '../core/buffers.ts';

export interface ShardTallies {
  trips: Float64Array;
  within: Float64Array;
  unserved: Float64Array;
  minutes: Float64Array;
  residents: Int32Array;
  f15: Int32Array;
  /** Served trips per site (all services). */
  loads: Float64Array;
}

export function allocShardTallies(nBlocks: number, nServices: number, nSites: number, shared: boolean): ShardTallies {
  const cells = nBlocks * N_AGE_BANDS * nServices;
  return {
    trips: allocArray(Float64Array, cells, shared),
    within: allocArray(Float64Array, cells, shared),
    unserved: allocArray(Float64Array, cells, shared),
    minutes: allocArray(Float64Array, cells, shared),
    residents: allocArray(Int32Array, nBlocks * N_AGE_BANDS, shared),
    f15: allocArray(Int32Array, nBlocks * N_AGE_BANDS, shared),
    loads: allocArray(Float64Array, nSites, shared),
  };
}
