/**
 * The simulation kernel for one shard of consecutive blocks: synthesize each block's residents,
 * generate their day's trips, choose destinations, and tally. Runs the same inline or in a worker.
 *
 * Per block, in this fixed order, from the block's own stream (rng.ts):
 *   residents (population.ts: 2 draws each), then for each resident in order: the trip count (1 draw),
 *   per trip its service, hour and minute (3 draws) and, with logit choice, the destination (1 draw),
 *   then, with two or more trips, whether the trips are chained (1 draw).
 *
 * Destination choice (choice set = sites within the matrix's reach offering the service):
 * - walking minutes = metres / speed / 60, generalised cost = minutes + the site's shadow price;
 * - 'nearest': the site of least cost (ties: lower site index);
 * - 'logit': P(j) proportional to exp(beta x cost_j) (beta per minute, negative; see simulate.ts).
 * An empty choice set makes the trip unserved: site -1, walkMin NaN, within 0 (recorded, not dropped).
 *
 * Chained tours: destinations are chosen from home, as for single trips (the 15-minute question is
 * access from home), and walkMin/within always report the home-to-site walk. Chaining changes the
 * departure times: stop k+1 is left for at (departure of stop k) + (walk into stop k) + dwellMin,
 * where the walk between two sites is approximated by their straight-line (equirectangular) distance
 * x detourFactor at the resident's speed (no site-to-site network distances are computed). Unserved
 * stops are skipped in time.
 */
import { N_AGE_BANDS } from '../core/ageBands.ts';
import type { ResidentColumns, TripColumns } from './columns.ts';
import type { SimulateShardResult, SimulateShardTask } from './task.ts';
import { activityTables, drawHour, drawService, drawTripCount } from './activities.ts';
import { alloc, allocResidents, allocTrips, copyTrips, TripBuffer } from './columns.ts';
import { allocateBands, synthesizeBlock } from './population.ts';
import { blockRng } from './rng.ts';

const EARTH_M_PER_DEG = (Math.PI / 180) * 6371008.8;

export function simulateShard(task: SimulateShardTask, shared: boolean): SimulateShardResult {
  const ctx = task.ctx;
  const nS = ctx.nServices;
  const nb = task.blockEnd - task.blockStart;
  const tables = activityTables(ctx.tripsPerDay, ctx.departureProfile, nS);
  const logit = ctx.choice === 'logit';
  const beta = ctx.betaPerMin;
  const prices = task.prices;
  let anyPrice = false;
  if (prices) for (let j = 0; j < prices.length; j++) if (prices[j] !== 0) anyPrice = true;
  const full = !task.loadsOnly;

  let totalResidents = 0;
  let maxPop = 0;
  for (let i = 0; i < nb; i++) {
    totalResidents += task.population[i];
    if (task.population[i] > maxPop) maxPop = task.population[i];
  }
  const keepRes = full && task.keepResidents;
  const residents: ResidentColumns = keepRes ? allocResidents(totalResidents, shared) : allocResidents(maxPop, false);
  let maxDaily = 0;
  for (let b = 0; b < N_AGE_BANDS; b++) {
    let daily = 0;
    for (let s = 0; s < nS; s++) daily += ctx.tripsPerDay[s * N_AGE_BANDS + b];
    maxDaily = Math.max(maxDaily, daily);
  }
  const expectedTrips = totalResidents * maxDaily;
  const buf = full ? new TripBuffer(Math.ceil(expectedTrips * 1.05) + 64) : null;

  const loads = alloc(Float64Array, ctx.nSites, shared);
  const tripsBBS = alloc(Float64Array, nb * N_AGE_BANDS * nS, shared);
  const withinBBS = alloc(Float64Array, nb * N_AGE_BANDS * nS, shared);
  const unservedBBS = alloc(Float64Array, nb * N_AGE_BANDS * nS, shared);
  const minutesBBS = alloc(Float64Array, nb * N_AGE_BANDS * nS, shared);
  const residentsBB = alloc(Int32Array, nb * N_AGE_BANDS, shared);
  const f15BB = alloc(Int32Array, nb * N_AGE_BANDS, shared);

  const { matrixOffsets: mOff, matrixIndex: mIdx, matrixMetres: mMet, siteServiceOffsets: sOff, siteServiceIndex: sIdx } = ctx;
  const threshold = ctx.thresholdMin;
  const counts = new Int32Array(N_AGE_BANDS);
  const csOff = new Int32Array(nS + 1);
  const csFill = new Int32Array(nS);
  let csSite = new Int32Array(64);
  let csMetres = new Float64Array(64);
  let weights = new Float64Array(64);
  const nearestSite = new Int32Array(nS);
  const nearestMetres = new Float64Array(nS);
  let tService = new Int32Array(16);
  let tDep = new Float64Array(16);
  let tSite = new Int32Array(16);
  let tMin = new Float64Array(16);
  let order = new Int32Array(16);
  let draws = 0;
  let tripsTotal = 0;
  let at = 0;
  let global = task.firstResident;

  for (let i = 0; i < nb; i++) {
    const block = task.blockStart + i;
    const pop = task.population[i];
    allocateBands(pop, task.ageShares, i * N_AGE_BANDS, counts);
    const rng = blockRng(ctx.seed, task.blockIds[i]);
    const base = keepRes ? at : 0;
    draws += synthesizeBlock(counts, ctx.speedMps, ctx.speedSpread, rng, residents, base, global);
    if (keepRes) residents.homeBlock.fill(block, base, base + pop);

    // Choice sets of this block: per service, the sites within reach offering it (ascending site index).
    csOff.fill(0);
    const r0 = mOff[block];
    const r1 = mOff[block + 1];
    for (let p = r0; p < r1; p++) {
      const j = mIdx[p];
      for (let k = sOff[j]; k < sOff[j + 1]; k++) csOff[sIdx[k] + 1]++;
    }
    for (let s = 0; s < nS; s++) csOff[s + 1] += csOff[s];
    const nCs = csOff[nS];
    if (nCs > csSite.length) {
      csSite = new Int32Array(nCs * 2);
      csMetres = new Float64Array(nCs * 2);
    }
    csFill.set(csOff.subarray(0, nS));
    for (let p = r0; p < r1; p++) {
      const j = mIdx[p];
      for (let k = sOff[j]; k < sOff[j + 1]; k++) {
        const q = csFill[sIdx[k]]++;
        csSite[q] = j;
        csMetres[q] = mMet[p];
      }
    }
    let maxBasic = 0;
    for (let s = 0; s < nS; s++) {
      let best = -1;
      let bestM = Infinity;
      for (let q = csOff[s]; q < csOff[s + 1]; q++) {
        if (csMetres[q] < bestM) {
          bestM = csMetres[q];
          best = csSite[q];
        }
      }
      nearestSite[s] = best;
      nearestMetres[s] = bestM;
      if (ctx.basic[s] && bestM > maxBasic) maxBasic = bestM;
    }

    const bbBase = i * N_AGE_BANDS;
    for (let r = 0; r < pop; r++) {
      const ri = base + r;
      const band = residents.ageBand[ri];
      const speed = residents.speedMps[ri];
      residentsBB[bbBase + band]++;
      if (maxBasic / speed / 60 <= ctx.f15Min) f15BB[bbBase + band]++;
      const n = drawTripCount(tables, band, rng());
      draws += 1;
      if (n === 0) {
        global++;
        continue;
      }
      if (n > tService.length) {
        const m = n * 2;
        tService = new Int32Array(m);
        tDep = new Float64Array(m);
        tSite = new Int32Array(m);
        tMin = new Float64Array(m);
        order = new Int32Array(m);
      }
      for (let t = 0; t < n; t++) {
        const s = drawService(tables, band, rng());
        const hour = drawHour(tables, s, rng());
        const minute = Math.floor(rng() * 60);
        draws += 3;
        tService[t] = s;
        tDep[t] = hour * 60 + minute;
        const q0 = csOff[s];
        const q1 = csOff[s + 1];
        let site = -1;
        let metres = Infinity;
        if (logit) {
          const u = rng();
          draws += 1;
          if (q1 - q0 === 1) {
            site = csSite[q0];
            metres = csMetres[q0];
          } else if (q1 > q0) {
            if (q1 - q0 > weights.length) weights = new Float64Array((q1 - q0) * 2);
            let cmin = Infinity;
            for (let q = q0; q < q1; q++) {
              const c = csMetres[q] / speed / 60 + (anyPrice ? prices![csSite[q]] : 0);
              weights[q - q0] = c;
              if (c < cmin) cmin = c;
            }
            let total = 0;
            for (let q = 0; q < q1 - q0; q++) {
              const w = Math.exp(beta * (weights[q] - cmin));
              weights[q] = w;
              total += w;
            }
            const target = u * total;
            let acc = 0;
            let q = 0;
            for (; q < q1 - q0 - 1; q++) {
              acc += weights[q];
              if (target < acc) break;
            }
            site = csSite[q0 + q];
            metres = csMetres[q0 + q];
          }
        } else if (anyPrice) {
          let cbest = Infinity;
          for (let q = q0; q < q1; q++) {
            const c = csMetres[q] / speed / 60 + prices![csSite[q]];
            if (c < cbest) {
              cbest = c;
              site = csSite[q];
              metres = csMetres[q];
            }
          }
        } else {
          site = nearestSite[s];
          metres = nearestMetres[s];
        }
        tSite[t] = site;
        tMin[t] = site >= 0 ? Math.fround(metres / speed / 60) : NaN;
        order[t] = t;
      }
      let chained = false;
      if (n >= 2) {
        chained = rng() < ctx.chainProbability;
        draws += 1;
        // Stable insertion sort of the day's trips by drawn departure.
        for (let a = 1; a < n; a++) {
          const v = order[a];
          let b = a - 1;
          while (b >= 0 && tDep[order[b]] > tDep[v]) {
            order[b + 1] = order[b];
            b--;
          }
          order[b + 1] = v;
        }
        if (chained) {
          let clock = tDep[order[0]];
          let here = -1;
          for (let k = 0; k < n; k++) {
            const t = order[k];
            tDep[t] = clock;
            const site = tSite[t];
            if (site < 0) continue;
            let leg = tMin[t];
            if (here >= 0 && here !== site) {
              const dx = (ctx.siteLon[site] - ctx.siteLon[here]) * Math.cos(((ctx.siteLat[site] + ctx.siteLat[here]) / 2) * (Math.PI / 180));
              const dy = ctx.siteLat[site] - ctx.siteLat[here];
              leg = (Math.sqrt(dx * dx + dy * dy) * EARTH_M_PER_DEG * ctx.detourFactor) / speed / 60;
            } else if (here === site) {
              leg = 0;
            }
            clock += leg + ctx.dwellMin;
            here = site;
          }
        }
      }
      const tb = bbBase * nS;
      for (let k = 0; k < n; k++) {
        const t = order[k];
        const s = tService[t];
        const site = tSite[t];
        const cell = tb + band * nS + s;
        tripsBBS[cell]++;
        let w = 0;
        if (site >= 0) {
          loads[site]++;
          minutesBBS[cell] += tMin[t];
          if (tMin[t] <= threshold[s]) w = 1;
          withinBBS[cell] += w;
        } else {
          unservedBBS[cell]++;
        }
        if (buf) {
          buf.reserve(1);
          const c = buf.cols;
          const row = buf.length++;
          c.resident[row] = global;
          c.ageBand[row] = band;
          c.service[row] = s;
          c.originBlock[row] = block;
          c.site[row] = site;
          c.departureMin[row] = Math.min(65535, Math.round(tDep[t]));
          c.walkMin[row] = tMin[t];
          c.within[row] = w;
          c.tourLeg[row] = chained ? Math.min(255, k + 1) : 0;
        }
      }
      tripsTotal += n;
      global++;
    }
    at += pop;
  }

  let tripCols: TripColumns | null = null;
  if (buf) {
    tripCols = allocTrips(buf.length, shared);
    copyTrips(buf.cols, buf.length, tripCols, 0);
  }
  return {
    blockStart: task.blockStart,
    blockEnd: task.blockEnd,
    residents: totalResidents,
    trips: tripsTotal,
    draws,
    residentCols: keepRes ? residents : null,
    tripCols,
    loads,
    tripsBBS,
    withinBBS,
    unservedBBS,
    minutesBBS,
    residentsBB,
    f15BB,
  };
}
