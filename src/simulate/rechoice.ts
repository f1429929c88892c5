/**
 * The capacity loop's pass: every trip chooses its destination again under new shadow prices, from
 * the day's trips kept by the first pass (choiceInputs.ts), and only the sites' loads are counted.
 * Synthesising residents and drawing trips do not depend on the prices, so this gives exactly the loads
 * a whole simulation with those prices would (the same choice functions of destination.ts, the same
 * float32 speeds, the same choice sets in the same order), at a fraction of the cost.
 *
 * The groups are the (block, service) pairs with trips: a group whose choice set holds one site sends
 * it all its trips whatever the prices (counted once, in `fixed`); a group with none leaves them
 * unserved; the others are re-chosen: trip by trip for a logit; for the nearest (cheapest) choice, all to
 * the nearest site when no site of the set has a price, else by runs of trips sorted by speed, whose choice is monotone in the speed (a site's cost is metres / speed + price).
 * Exact arithmetic makes the runs exact; a floating-point near-tie could shift one trip at a run's end,
 * which is why the reported loads are those of the final whole pass (simulate.ts), not the loop's.
 */
import { allocArray } from '../core/buffers.ts';
import type { ChoiceSets } from './choiceSets.ts';
import type { ChoiceInputs } from './choiceInputs.ts';
import { anyPrice, cheapestPosition, logitDraw } from './destination.ts';
import type { RechoiceGroups, SimulateStatic } from './task.ts';

export type { RechoiceGroups } from './task.ts';

/** A capacity-loop pass on a pool (workers/simulate.ts): groups g0 .. g1 chosen again under `prices`; the arrays are in shared memory. */
export interface RechoiceTask {
  kind: 'simulate-rechoice';
  groups: RechoiceGroups;
  inputs: ChoiceInputs;
  prices: Float64Array;
  /** Logit coefficient per minute, or null for the nearest (cheapest) choice. */
  betaPerMin: number | null;
  g0: number;
  g1: number;
}

/**
 * The re-choice groups, built block by block as the first pass simulates the blocks (shard.ts: the
 * block's choice sets are at hand there, and the shards share the work over the threads), then joined
 * in block order (joinRechoiceGroups). In shared memory when `shared`.
 */
export class RechoiceGroupBuffer {
  readonly fixed: Float64Array;
  private setOffsets: Int32Array;
  private setSite: Int32Array;
  private setMetres: Float64Array;
  private tripStart: Int32Array;
  private tripCount: Int32Array;
  private block: Int32Array;
  private nearest: Int32Array;
  private groups = 0;
  private entries = 0;

  constructor(
    private readonly nSites: number,
    private readonly shared: boolean,
  ) {
    this.fixed = allocArray(Float64Array, nSites, shared);
    this.setOffsets = allocArray(Int32Array, 257, shared);
    this.tripStart = allocArray(Int32Array, 256, shared);
    this.tripCount = allocArray(Int32Array, 256, shared);
    this.block = allocArray(Int32Array, 256, shared);
    this.nearest = allocArray(Int32Array, 256, shared);
    this.setSite = allocArray(Int32Array, 1024, shared);
    this.setMetres = allocArray(Float64Array, 1024, shared);
  }

  /**
   * Add block `block`, whose choice sets `cs` hold, with count[c0 + s] trips of service s stored from
   * trip `at` on in service order (choiceInputs.ts).
   */
  addBlock(cs: ChoiceSets, block: number, count: Int32Array, c0: number, at: number): void {
    const nS = cs.nearest.length;
    for (let s = 0; s < nS; s++) {
      const n = count[c0 + s];
      const q0 = cs.offsets[s];
      const q1 = cs.offsets[s + 1];
      if (n > 0 && q1 - q0 === 1) this.fixed[cs.site[q0]] += n;
      else if (n > 0 && q1 - q0 > 1) {
        if (this.groups === this.tripStart.length) this.growGroups();
        if (this.entries + (q1 - q0) > this.setSite.length) this.growEntries(this.entries + (q1 - q0));
        const g = this.groups++;
        const e = this.entries;
        this.block[g] = block;
        this.nearest[g] = e + cs.nearest[s] - q0;
        this.setSite.set(cs.site.subarray(q0, q1), e);
        this.setMetres.set(cs.metres.subarray(q0, q1), e);
        this.entries = e + q1 - q0;
        this.setOffsets[g + 1] = this.entries;
        this.tripStart[g] = at;
        this.tripCount[g] = n;
      }
      at += n;
    }
  }

  private growGroups(): void {
    const size = this.tripStart.length * 2;
    const grow = <T extends Int32Array>(a: T, n: number): T => {
      const b = allocArray(Int32Array, n, this.shared) as T;
      b.set(a);
      return b;
    };
    this.setOffsets = grow(this.setOffsets, size + 1);
    this.tripStart = grow(this.tripStart, size);
    this.tripCount = grow(this.tripCount, size);
    this.block = grow(this.block, size);
    this.nearest = grow(this.nearest, size);
  }

  private growEntries(n: number): void {
    const size = Math.max(this.setSite.length * 2, n);
    const site = allocArray(Int32Array, size, this.shared);
    site.set(this.setSite.subarray(0, this.entries));
    const metres = allocArray(Float64Array, size, this.shared);
    metres.set(this.setMetres.subarray(0, this.entries));
    this.setSite = site;
    this.setMetres = metres;
  }

  /** The groups added (views, no copy). */
  groupsAdded(): RechoiceGroups {
    const g = this.groups;
    return { nSites: this.nSites, fixed: this.fixed, setOffsets: this.setOffsets.subarray(0, g + 1), setSite: this.setSite.subarray(0, this.entries), setMetres: this.setMetres.subarray(0, this.entries), tripStart: this.tripStart.subarray(0, g), tripCount: this.tripCount.subarray(0, g), block: this.block.subarray(0, g), nearest: this.nearest.subarray(0, g) };
  }
}

/**
 * Groups of consecutive runs of blocks, in block order, as one set of groups: part k's trips start at
 * trip `tripOffset` of the joined inputs. The fixed loads are added (whole trips: exact in any order).
 * In shared memory when `shared`.
 */
export function joinRechoiceGroups(parts: { groups: RechoiceGroups; tripOffset: number }[], nSites: number, shared = false): RechoiceGroups {
  let g = 0;
  let e = 0;
  for (const p of parts) {
    g += p.groups.tripStart.length;
    e += p.groups.setSite.length;
  }
  const out: RechoiceGroups = { nSites, fixed: new Float64Array(nSites), setOffsets: allocArray(Int32Array, g + 1, shared), setSite: allocArray(Int32Array, e, shared), setMetres: allocArray(Float64Array, e, shared), tripStart: allocArray(Int32Array, g, shared), tripCount: allocArray(Int32Array, g, shared), block: allocArray(Int32Array, g, shared), nearest: allocArray(Int32Array, g, shared) };
  g = 0;
  e = 0;
  for (const { groups: p, tripOffset } of parts) {
    const n = p.tripStart.length;
    for (let j = 0; j < nSites; j++) out.fixed[j] += p.fixed[j];
    for (let k = 0; k < n; k++) {
      out.setOffsets[g + k + 1] = p.setOffsets[k + 1] + e;
      out.tripStart[g + k] = p.tripStart[k] + tripOffset;
      out.nearest[g + k] = p.nearest[k] + e;
    }
    out.tripCount.set(p.tripCount, g);
    out.block.set(p.block, g);
    out.setSite.set(p.setSite, e);
    out.setMetres.set(p.setMetres, e);
    g += n;
    e += p.setSite.length;
  }
  return out;
}

/**
 * Served trips per site of groups g0 .. g1 under `prices` (the fixed loads are not included). With
 * `betaPerMin` null the choice is the nearest (cheapest with prices), else a logit with that beta.
 */
export function rechoiceLoads(gr: RechoiceGroups, inputs: ChoiceInputs, prices: Float64Array, betaPerMin: number | null, g0: number, g1: number): Float64Array {
  const loads = new Float64Array(gr.nSites);
  const { setOffsets, setSite, setMetres, tripStart, tripCount } = gr;
  const { speed, pick } = inputs;
  const priced = anyPrice(prices);
  let weights = new Float64Array(64);
  for (let g = g0; g < g1; g++) {
    const q0 = setOffsets[g];
    const q1 = setOffsets[g + 1];
    const t0 = tripStart[g];
    const t1 = t0 + tripCount[g];
    if (betaPerMin === null && !groupPriced(gr, g, prices)) {
      // no site of the set has a price: every trip goes to the nearest (the cheapest in minutes is the
      // nearest in metres, up to a floating-point tie between two sites at the same distance)
      loads[setSite[gr.nearest[g]]] += t1 - t0;
    } else if (betaPerMin !== null && pick) {
      if (q1 - q0 > weights.length) weights = new Float64Array((q1 - q0) * 2);
      for (let t = t0; t < t1; t++) loads[setSite[q0 + logitDraw(weights, setSite, setMetres, q0, q1 - q0, speed[t], priced ? prices : null, betaPerMin, pick[t])]]++;
    } else {
      // Speeds ascend within a group (choiceInputs.ts sorts them), and the cheapest site changes monotonically
      // with the walker's speed, so trips choose in runs: find each run's end by galloping and bisection.
      let t = t0;
      while (t < t1) {
        const c = cheapestPosition(setSite, setMetres, q0, q1, speed[t], prices);
        let lo = t;
        let hi = t1;
        for (let step = 1; lo + step < t1; step *= 2) {
          if (cheapestPosition(setSite, setMetres, q0, q1, speed[lo + step], prices) !== c) {
            hi = lo + step;
            break;
          }
          lo += step;
        }
        while (hi - lo > 1) {
          const mid = (lo + hi) >> 1;
          if (cheapestPosition(setSite, setMetres, q0, q1, speed[mid], prices) === c) lo = mid;
          else hi = mid;
        }
        loads[setSite[c]] += lo + 1 - t;
        t = lo + 1;
      }
    }
  }
  return loads;
}

/** True when a site of group g's choice set has a price other than 0. */
function groupPriced(gr: RechoiceGroups, g: number, prices: Float64Array): boolean {
  for (let q = gr.setOffsets[g]; q < gr.setOffsets[g + 1]; q++) if (prices[gr.setSite[q]] !== 0) return true;
  return false;
}

/**
 * The blocks where some trip may choose otherwise under `prices` than with none: with nearest choice,
 * those with a trip whose cheapest site is not its nearest; with a logit, those with a priced site in a
 * choice set. Only they need simulating again (simulate.ts).
 */
export function changedBlocks(gr: RechoiceGroups, inputs: ChoiceInputs, prices: Float64Array, logit: boolean, nBlocks: number): Uint8Array {
  const changed = new Uint8Array(nBlocks);
  const { setSite, setMetres, setOffsets, tripStart, tripCount } = gr;
  for (let g = 0; g < tripCount.length; g++) {
    if (changed[gr.block[g]] || !groupPriced(gr, g, prices)) continue;
    if (logit) {
      changed[gr.block[g]] = 1;
      continue;
    }
    for (let t = tripStart[g]; t < tripStart[g] + tripCount[g]; t++) {
      if (cheapestPosition(setSite, setMetres, setOffsets[g], setOffsets[g + 1], inputs.speed[t], prices) !== gr.nearest[g]) {
        changed[gr.block[g]] = 1;
        break;
      }
    }
  }
  return changed;
}
