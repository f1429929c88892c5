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
import { ChoiceSets } from './choiceSets.ts';
import type { ChoiceInputs } from './choiceInputs.ts';
import { anyPrice, cheapestPosition, logitDraw } from './destination.ts';
import type { SimulateStatic } from './task.ts';

export interface RechoiceGroups {
  nSites: number;
  /** Loads of the groups with a single site. */
  fixed: Float64Array;
  /** Group g's choice set is positions setOffsets[g] .. setOffsets[g+1) of setSite/setMetres (ascending site). */
  setOffsets: Int32Array;
  setSite: Int32Array;
  setMetres: Float64Array;
  /** Group g's trips are tripStart[g] .. tripStart[g] + tripCount[g] of the inputs. */
  tripStart: Int32Array;
  tripCount: Int32Array;
  /** Group g's block, and the position of its nearest site by metres (ties: the lower site; ChoiceSets.nearest). */
  block: Int32Array;
  nearest: Int32Array;
}

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

/** The re-choice groups of a scenario's day (see the file comment). */
export function rechoiceGroups(ctx: SimulateStatic, inputs: ChoiceInputs, nBlocks: number): RechoiceGroups {
  const nS = inputs.nServices;
  const cs = new ChoiceSets(nS);
  const fixed = new Float64Array(ctx.nSites);
  // upper bounds: a group per (block, service); a set entry per (matrix pair, service of the site)
  let entries = 0;
  for (let p = 0; p < ctx.matrixOffsets[nBlocks]; p++) entries += ctx.siteServiceOffsets[ctx.matrixIndex[p] + 1] - ctx.siteServiceOffsets[ctx.matrixIndex[p]];
  const maxGroups = nBlocks * nS;
  const setOffsets = new Int32Array(maxGroups + 1);
  const setSite = new Int32Array(entries);
  const setMetres = new Float64Array(entries);
  const tripStart = new Int32Array(maxGroups);
  const tripCount = new Int32Array(maxGroups);
  const block = new Int32Array(maxGroups);
  const nearest = new Int32Array(maxGroups);
  let g = 0;
  let e = 0;
  let at = 0;
  for (let b = 0; b < nBlocks; b++) {
    let any = false;
    for (let s = 0; s < nS; s++) any ||= inputs.count[b * nS + s] > 0;
    if (!any) continue;
    cs.build(ctx, b);
    for (let s = 0; s < nS; s++) {
      const n = inputs.count[b * nS + s];
      const q0 = cs.offsets[s];
      const q1 = cs.offsets[s + 1];
      if (n > 0 && q1 - q0 === 1) fixed[cs.site[q0]] += n;
      else if (n > 0 && q1 - q0 > 1) {
        block[g] = b;
        nearest[g] = e + cs.nearest[s] - q0;
        setSite.set(cs.site.subarray(q0, q1), e);
        setMetres.set(cs.metres.subarray(q0, q1), e);
        e += q1 - q0;
        setOffsets[g + 1] = e;
        tripStart[g] = at;
        tripCount[g] = n;
        g++;
      }
      at += n;
    }
  }
  return { nSites: ctx.nSites, fixed, setOffsets: setOffsets.slice(0, g + 1), setSite: setSite.slice(0, e), setMetres: setMetres.slice(0, e), tripStart: tripStart.slice(0, g), tripCount: tripCount.slice(0, g), block: block.slice(0, g), nearest: nearest.slice(0, g) };
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
