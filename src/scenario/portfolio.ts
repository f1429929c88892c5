/**
 * A national programme's portfolio: N living circles of varied size, age mix and facility gaps, each a
 * scenario folder, with a manifest (portfolioManifest.ts). Circle i is drawn from its own random stream
 * (seed, i), so it is the same whatever N is, and the same seed gives byte-identical files.
 *
 * The distributions (PORTFOLIO_DISTRIBUTIONS says them in words, and the manifest records them):
 * - residents: log-uniform between minResidents and maxResidents (default 3,000-30,000), rounded to 10;
 *   each circle is then laid out by generateCity (old estates west, new east) with its own seed;
 * - age mix: every block's age shares are blended towards an aged profile (2/5/12/31/30/20% for
 *   0-5/6-17/18-34/35-59/60-74/75+) with a weight w ~ uniform(0, 0.8), the same w for the circle;
 * - facility gaps: k ~ uniform{0..4} services lose every existing facility (those services are
 *   missing in the circle), and each remaining facility is kept with probability p ~ uniform(0.6, 1);
 * - budget: maxCost = residents x uniform(20, 80) 元, rounded to 1,000 元; maxConversions =
 *   max(2, round(residents / 2,500)); no minimum counts, so every circle's plan is free.
 */
import path from 'node:path';
import seedrandom from 'seedrandom';
import { N_AGE_BANDS } from '../core/ageBands.ts';
import { writeFileAtomic, withOutputDir } from '../io/atomic.ts';
import { generateCity } from './generate.ts';
import { PORTFOLIO_FORMAT, type PortfolioCircle, type PortfolioManifest } from './portfolioManifest.ts';
import type { Facilities, Scenario } from './types.ts';
import { writeScenario } from './write.ts';

export interface PortfolioOptions {
  circles: number;
  seed: number;
  minResidents?: number;
  maxResidents?: number;
}

const AGED_PROFILE = [0.02, 0.05, 0.12, 0.31, 0.3, 0.2];

export const PORTFOLIO_DISTRIBUTIONS: Record<string, string> = {
  residents: 'log-uniform between minResidents and maxResidents, rounded to 10',
  ageMix: 'each block blended towards 2/5/12/31/30/20% (0-5 .. 75+) with weight w ~ uniform(0, 0.8), one w per circle',
  missingServices: 'k ~ uniform{0..4} services with no existing facility, drawn uniformly from the catalogue',
  facilityKeep: 'each other facility kept with probability p ~ uniform(0.6, 1), one p per circle',
  maxCost: 'residents x uniform(20, 80) yuan, rounded to 1,000',
  maxConversions: 'max(2, round(residents / 2,500))',
};

type Rng = () => number;

/** Facilities without the dropped services, each kept with probability `keep`. */
function thinFacilities(f: Facilities, drop: Set<number>, keep: number, rng: Rng): Facilities {
  const out = { ids: [] as string[], names: [] as string[], lon: [] as number[], lat: [] as number[], capacity: [] as number[], offsets: [0], index: [] as number[] };
  for (let i = 0; i < f.count; i++) {
    const services = Array.from(f.serviceIndex.subarray(f.serviceOffsets[i], f.serviceOffsets[i + 1])).filter((s) => !drop.has(s));
    const kept = rng() < keep; // drawn for every facility, so the stream does not depend on the drop set
    if (services.length === 0 || !kept) continue;
    out.ids.push(f.ids[i]);
    out.names.push(f.names[i]);
    out.lon.push(f.lon[i]);
    out.lat.push(f.lat[i]);
    out.capacity.push(f.capacity[i]);
    out.index.push(...services);
    out.offsets.push(out.index.length);
  }
  return { count: out.ids.length, ids: out.ids, names: out.names, lon: Float64Array.from(out.lon), lat: Float64Array.from(out.lat), capacity: Float64Array.from(out.capacity), serviceOffsets: Int32Array.from(out.offsets), serviceIndex: Int32Array.from(out.index) };
}

/** One circle of the portfolio, drawn from its own stream. */
export async function generateCircle(seed: number, i: number, id: string, minResidents: number, maxResidents: number): Promise<{ scenario: Scenario; circle: PortfolioCircle }> {
  const rng: Rng = seedrandom.alea(`quarterhour-portfolio:${seed}:${i}`);
  const residents = Math.max(10, Math.round(Math.exp(Math.log(minResidents) + rng() * (Math.log(maxResidents) - Math.log(minResidents))) / 10) * 10);
  const citySeed = Math.floor(rng() * 2 ** 31);
  const w = 0.8 * rng();
  const k = Math.floor(rng() * 5);
  const keep = 0.6 + 0.4 * rng();
  const perResident = 20 + 60 * rng();
  const sc = await generateCity({ residents, seed: citySeed, name: id });
  const shares = new Float64Array(sc.blocks.ageShares.length);
  for (let b = 0; b < sc.blocks.count; b++) for (let a = 0; a < N_AGE_BANDS; a++) shares[b * N_AGE_BANDS + a] = Math.round(((1 - w) * sc.blocks.ageShares[b * N_AGE_BANDS + a] + w * AGED_PROFILE[a]) * 1e6) / 1e6;
  // drop k services (partial Fisher-Yates over the catalogue)
  const order = sc.services.map((_, s) => s);
  for (let j = 0; j < k; j++) {
    const r = j + Math.floor(rng() * (order.length - j));
    [order[j], order[r]] = [order[r], order[j]];
  }
  const missing = new Set(order.slice(0, k));
  const facilities = thinFacilities(sc.facilities, missing, keep, rng);
  for (let s = 0; s < sc.services.length; s++) {
    let any = false;
    for (let p = 0; p < facilities.serviceIndex.length && !any; p++) any = facilities.serviceIndex[p] === s;
    if (!any) missing.add(s);
  }
  const maxCost = Math.round((residents * perResident) / 1000) * 1000;
  const scenario: Scenario = {
    ...sc,
    description: `Living circle ${id} of a portfolio (seed ${seed}): ${residents} residents, ageing weight ${w.toFixed(2)}, ${missing.size} services with no facility.`,
    blocks: { ...sc.blocks, ageShares: shares },
    facilities,
    budget: { maxConversions: Math.max(2, Math.round(residents / 2500)), maxCost },
    constraints: { ...sc.constraints, minCount: {} },
  };
  let older = 0;
  for (let b = 0; b < sc.blocks.count; b++) older += sc.blocks.population[b] * (shares[b * N_AGE_BANDS + 4] + shares[b * N_AGE_BANDS + 5]);
  const circle: PortfolioCircle = {
    id,
    folder: id,
    residents,
    blocks: sc.blocks.count,
    olderShare: Math.round((older / residents) * 1e4) / 1e4,
    missing: [...missing].sort((a, b) => a - b).map((s) => sc.services[s].id),
    idleSpaces: sc.candidates.count,
    maxCost,
  };
  return { scenario, circle };
}

/** Write the portfolio folder (atomically): one scenario folder per circle, portfolio.json and a batch.json sweeping it. */
export async function writePortfolio(dir: string, opts: PortfolioOptions): Promise<PortfolioManifest> {
  const min = opts.minResidents ?? 3000;
  const max = opts.maxResidents ?? 30000;
  const width = Math.max(4, String(opts.circles).length);
  const manifest: PortfolioManifest = { format: PORTFOLIO_FORMAT, version: 1, seed: opts.seed, circles: [], distributions: { ...PORTFOLIO_DISTRIBUTIONS, residents: `log-uniform between ${min} and ${max}, rounded to 10` } };
  await withOutputDir(dir, async (tmp) => {
    for (let i = 0; i < opts.circles; i++) {
      const id = `c${String(i + 1).padStart(width, '0')}`;
      const { scenario, circle } = await generateCircle(opts.seed, i, id, min, max);
      await writeScenario(path.join(tmp, id), scenario);
      manifest.circles.push(circle);
    }
    writeFileAtomic(path.join(tmp, 'portfolio.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    const batch = { name: path.basename(path.resolve(dir)), portfolio: '.', sweep: {} };
    writeFileAtomic(path.join(tmp, 'batch.json'), `${JSON.stringify(batch, null, 2)}\n`);
  });
  return manifest;
}
