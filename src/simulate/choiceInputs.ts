/**
 * What the capacity re-choice (rechoice.ts) needs of every trip of the day: its service, its walker's
 * speed and its logit draw. Nothing else about a trip depends on the shadow prices, and no random draw
 * does, so a pass of the capacity loop can choose destinations again from these alone.
 *
 * A shard writes them block by block, grouped by (block, service): count[b x nServices + s] trips,
 * stored consecutively in (block, service) order (within a group, in the order drawn; with nearest
 * choice, by ascending speed). Shared memory when the shard runs in a worker.
 */
import { allocArray } from '../core/buffers.ts';
import type { BlockTrips } from './blockTrips.ts';

export interface ChoiceInputs {
  nServices: number;
  /** Trips per (block, service), index block x nServices + service (blocks of the shard, or of the scenario once merged). */
  count: Int32Array;
  /** The trips' walking speeds (the resident's, float32 as the resident table holds it), m/s. */
  speed: Float32Array;
  /** The trips' logit draws; null with nearest choice. */
  pick: Float64Array | null;
}

/** A growable ChoiceInputs for one shard (doubling), in shared memory when `shared`. */
export class ChoiceInputBuffer {
  readonly count: Int32Array;
  speed: Float32Array;
  pick: Float64Array | null;
  length = 0;
  private readonly fill: Int32Array;

  constructor(
    nBlocks: number,
    readonly nServices: number,
    initial: number,
    logit: boolean,
    private readonly shared: boolean,
  ) {
    this.count = allocArray(Int32Array, nBlocks * nServices, shared);
    this.speed = allocArray(Float32Array, Math.max(16, initial), shared);
    this.pick = logit ? allocArray(Float64Array, Math.max(16, initial), shared) : null;
    this.fill = new Int32Array(nServices);
  }

  /** Append the trips of the shard's block `local` (resident r walks at speedMps[from + r]). */
  addBlock(bt: BlockTrips, local: number, speedMps: Float32Array, from: number): void {
    const nS = this.nServices;
    if (this.length + bt.count > this.speed.length) this.grow(this.length + bt.count);
    const count = this.count;
    const c0 = local * nS;
    for (let t = 0; t < bt.count; t++) count[c0 + bt.service[t]]++;
    let at = this.length;
    for (let s = 0; s < nS; s++) {
      this.fill[s] = at;
      at += count[c0 + s];
    }
    const { speed, pick, fill } = this;
    for (let t = 0; t < bt.count; t++) {
      const q = fill[bt.service[t]]++;
      speed[q] = speedMps[from + bt.who[t]];
      if (pick) pick[q] = bt.pick[t];
    }
    // With nearest choice (no logit draws to keep paired) each group's speeds are sorted ascending,
    // which the re-choice's runs need (rechoice.ts); here, in the shard, so that threads share the work.
    if (!pick) for (let s = 0, a = this.length; s < nS; a += count[c0 + s], s++) sortAscending(speed, a, a + count[c0 + s]);
    this.length += bt.count;
  }

  private grow(n: number): void {
    const size = Math.max(this.speed.length * 2, n);
    const speed = allocArray(Float32Array, size, this.shared);
    speed.set(this.speed.subarray(0, this.length));
    this.speed = speed;
    if (this.pick) {
      const pick = allocArray(Float64Array, size, this.shared);
      pick.set(this.pick.subarray(0, this.length));
      this.pick = pick;
    }
  }

  /** The inputs written (views, no copy). */
  inputs(): ChoiceInputs {
    return { nServices: this.nServices, count: this.count, speed: this.speed.subarray(0, this.length), pick: this.pick ? this.pick.subarray(0, this.length) : null };
  }
}

/** Sort a[from .. to) ascending: insertion sort for the short groups of a block, else the built-in sort. */
function sortAscending(a: Float32Array, from: number, to: number): void {
  if (to - from > 48) {
    a.subarray(from, to).sort();
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const v = a[i];
    let k = i - 1;
    while (k >= from && a[k] > v) {
      a[k + 1] = a[k];
      k--;
    }
    a[k + 1] = v;
  }
}

/** The shards' inputs, in block order, as one ChoiceInputs for the scenario (in shared memory when `shared`). */
export function mergeChoiceInputs(parts: { blockStart: number; inputs: ChoiceInputs }[], nBlocks: number, nServices: number, logit: boolean, shared = false): ChoiceInputs {
  let n = 0;
  for (const p of parts) n += p.inputs.speed.length;
  const out: ChoiceInputs = { nServices, count: allocArray(Int32Array, nBlocks * nServices, shared), speed: allocArray(Float32Array, n, shared), pick: logit ? allocArray(Float64Array, n, shared) : null };
  let at = 0;
  for (const p of parts) {
    out.count.set(p.inputs.count, p.blockStart * nServices);
    out.speed.set(p.inputs.speed, at);
    if (out.pick && p.inputs.pick) out.pick.set(p.inputs.pick, at);
    at += p.inputs.speed.length;
  }
  return out;
}
