/**
 * generateCity: a seeded synthetic neighbourhood in the spirit of a Hangzhou sub-district — estates of
 * housing blocks (old estates in the west with 25–35% aged 60+, new estates in the east with young
 * families), existing facilities with visible gaps, and idle spaces of varied kinds and sizes. The
 * default (~60,000 residents on ~3 x 3 km) is the embedded default scenario; larger sizes are for
 * benchmarks (`blocks` sets the number of housing blocks, default one per 400 residents). Facilities'
 * capacities follow the demand generated (capacity.ts). The same options always give the same scenario.
 */
import seedrandom from 'seedrandom';
import { N_AGE_BANDS } from '../core/ageBands.ts';
import { localProjection } from '../network/geo.ts';
import { CAPACITY_SPREAD, facilityCapacities, readCapacityNorms } from './capacity.ts';
import { defaultCatalogue } from './defaults.ts';
import { DEFAULT_DETOUR_FACTOR } from './meta.ts';
import type { Blocks, Candidates, Facilities, Scenario, ServiceDef } from './types.ts';

export interface GenerateOptions {
  residents: number;
  seed: number;
  name?: string;
  /** Housing blocks (default: about one per 400 residents); at most one per resident. */
  blocks?: number;
  /** Centre of the study area (default: Hangzhou, Gongshu district). */
  centre?: [number, number];
}

type Rng = () => number;

export const DEFAULT_RESIDENTS = 60_000;
const RESIDENTS_PER_BLOCK = 400;
const SIDE_M_PER_SQRT_RESIDENT = 3000 / Math.sqrt(DEFAULT_RESIDENTS);

/** Mean age shares (0-5, 6-17, 18-34, 35-59, 60-74, 75+) before per-block noise. */
const OLD_ESTATE = [0.03, 0.08, 0.19, 0.4, 0.19, 0.11];
const NEW_ESTATE = [0.09, 0.16, 0.3, 0.33, 0.09, 0.03];

/** Existing facilities per 10,000 residents, by estate kind [old, new]: the gaps are deliberate. */
const FACILITY_DENSITY: Record<string, [number, number]> = {
  grocery: [3, 3],
  wet_market: [0.9, 0.5],
  breakfast: [2.5, 1.5],
  elder_canteen: [0.4, 0],
  clinic: [1.4, 0.9],
  pharmacy: [1.5, 1.0],
  repair: [0.6, 0.2],
  barber: [2, 1.5],
  parcel: [1, 2.5],
  childcare: [0, 0.6],
  elder_day_care: [0.2, 0],
  reading_room: [0.1, 0.4],
  fitness: [0, 0.6],
};

/** Idle space kinds: share of all spaces, floor area range m², cost multiplier range. */
const SPACE_KINDS: { kind: string; share: number; area: [number, number]; cost: [number, number]; label: string }[] = [
  { kind: 'testing-kiosk', share: 0.22, area: [4, 8], cost: [0.8, 1.0], label: 'Former testing kiosk' },
  { kind: 'vacant-shop', share: 0.45, area: [40, 300], cost: [0.9, 1.3], label: 'Vacant ground-floor shop' },
  { kind: 'community-room', share: 0.2, area: [60, 400], cost: [0.6, 0.9], label: 'Underused community room' },
  { kind: 'parking-corner', share: 0.08, area: [20, 60], cost: [1.0, 1.2], label: 'Parking lot corner' },
  { kind: 'vacant-market-hall', share: 0.05, area: [500, 900], cost: [1.0, 1.4], label: 'Vacant market hall' },
];

const ESTATE_NAMES = ['Xinhua', 'Hemu', 'Daguan', 'Zhaohui', 'Chaohui', 'Xiaohe', 'Desheng', 'Mishi', 'Gongchen', 'Qiaoxi', 'Banshan', 'Shiqiao', 'Kangqiao', 'Heping', 'Wenhui', 'Changzheng', 'Hushu', 'Xiangyang', 'Shanhu', 'Liangzhu'];

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

function metresPerDegree(lat: number): { lon: number; lat: number } {
  const p = localProjection(0, lat);
  return { lon: p.mPerDegLon, lat: p.mPerDegLat };
}
const uniform = (rng: Rng, a: number, b: number) => a + (b - a) * rng();

/** Pick an index with probability proportional to weights (cumulative array). */
function pickCumulative(cum: Float64Array, rng: Rng): number {
  const t = rng() * cum[cum.length - 1];
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export async function generateCity(opts: GenerateOptions): Promise<Scenario> {
  const rng: Rng = seedrandom.alea(`quarterhour-generate:${opts.seed}`);
  const { services, serviceIndex, behaviour } = await defaultCatalogue();

  const [lon0, lat0] = opts.centre ?? [120.165, 30.3];
  const side = SIDE_M_PER_SQRT_RESIDENT * Math.sqrt(opts.residents);
  const mpd = metresPerDegree(lat0);
  const toLonLat = (x: number, y: number): [number, number] => [round6(lon0 + (x - side / 2) / mpd.lon), round6(lat0 + (y - side / 2) / mpd.lat)];

  const blocks = makeBlocks(opts.residents, opts.blocks ?? defaultBlockCount(opts.residents), side, rng, toLonLat);
  const isOld = blocks.tags.map((t) => t === 'old estate');
  const { facilities, spread } = makeFacilities(blocks, isOld, services, rng);
  const candidates = makeCandidates(blocks, services, rng);
  const totalCost = 12 * 300000;
  // Small districts keep enough budget for their minimum counts (an elder canteen and a repair kiosk at
  // up to 1.4x cost: 882,000 元), so that every generated scenario has a feasible plan.
  const MIN_BUDGET_CNY = 2_000_000;
  const sc: Scenario = {
    name: opts.name ?? 'generated',
    description: `Synthetic sub-district (seed ${opts.seed}): ${blocks.count} housing blocks, ${opts.residents} residents on ${(side / 1000).toFixed(1)} x ${(side / 1000).toFixed(1)} km; old estates in the west, new estates in the east.`,
    source: '',
    seed: opts.seed,
    services,
    serviceIndex,
    blocks,
    facilities,
    candidates,
    behaviour,
    network: { kind: 'euclidean', detourFactor: DEFAULT_DETOUR_FACTOR },
    budget: { maxConversions: Math.max(4, Math.round((12 * opts.residents) / DEFAULT_RESIDENTS)), maxCost: Math.max(MIN_BUDGET_CNY, Math.round((totalCost * opts.residents) / DEFAULT_RESIDENTS)) },
    constraints: {
      minCount: { elder_canteen: 1, repair: 1 },
      ageWeights: Float64Array.from([1.5, 1, 1, 1, 1.5, 2]),
      equity: {},
    },
  };
  // Capacities consistent with the demand just generated (capacity.ts, defaults/capacities.csv).
  facilities.capacity = facilityCapacities(sc, await readCapacityNorms(services), spread);
  return sc;
}

/** The number of housing blocks when none is asked for: about one per 400 residents. */
export function defaultBlockCount(residents: number): number {
  return Math.max(1, Math.round(residents / RESIDENTS_PER_BLOCK));
}

/** Housing blocks on a jittered grid, grouped into estates of 2x2..3x3 blocks sharing a name and a tag. */
function makeBlocks(residents: number, blockCount: number, side: number, rng: Rng, toLonLat: (x: number, y: number) => [number, number]): Blocks {
  if (!Number.isInteger(blockCount) || blockCount < 1 || blockCount > residents) throw new RangeError(`generate: blocks is ${blockCount}, expected an integer from 1 to the residents (${residents})`);
  const n = blockCount;
  const cols = Math.ceil(Math.sqrt(n));
  const rows = Math.ceil(n / cols);
  const cell = side / cols;
  const estate = 3; // estates are 3x3 grid cells
  const b: Blocks = { count: n, ids: [], names: [], tags: [], lon: new Float64Array(n), lat: new Float64Array(n), population: new Int32Array(n), ageShares: new Float64Array(n * N_AGE_BANDS), polygons: [] };
  const estateOld = new Map<string, boolean>();
  const estateIndex = new Map<string, number>(); // insertion order of estateOld's keys
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = Math.floor(i / cols);
    const c = i % cols;
    const x = (c + 0.5 + uniform(rng, -0.3, 0.3)) * cell;
    const y = ((r + 0.5) * side) / rows + uniform(rng, -0.3, 0.3) * cell;
    [b.lon[i], b.lat[i]] = toLonLat(x, y);
    const key = `${Math.floor(r / estate)}:${Math.floor(c / estate)}`;
    if (!estateOld.has(key)) {
      estateOld.set(key, rng() < 0.85 - (0.7 * x) / side); // old estates mostly in the west
      estateIndex.set(key, estateIndex.size);
    }
    const old = estateOld.get(key)!;
    const ek = estateIndex.get(key)!;
    const name = `${ESTATE_NAMES[ek % ESTATE_NAMES.length]} ${old ? 'New Village' : 'Garden'}${ek >= ESTATE_NAMES.length ? ` ${Math.floor(ek / ESTATE_NAMES.length) + 1}` : ''}`;
    b.ids.push(`B${String(i + 1).padStart(4, '0')}`);
    b.names.push(`${name}, block ${(r % estate) * estate + (c % estate) + 1}`);
    b.tags.push(old ? 'old estate' : 'new estate');
    weights[i] = old ? uniform(rng, 0.5, 1.3) : uniform(rng, 0.8, 1.8); // new high-rises are denser
    const mean = old ? OLD_ESTATE : NEW_ESTATE;
    const shares = mean.map((m) => m * uniform(rng, 0.85, 1.15));
    if (old) {
      // pin the 60+ share to 25–35%
      const target = uniform(rng, 0.25, 0.35);
      const senior = shares[4] + shares[5];
      shares[4] *= target / senior;
      shares[5] *= target / senior;
      const rest = shares.slice(0, 4).reduce((a, v) => a + v, 0);
      for (let k = 0; k < 4; k++) shares[k] *= (1 - target) / rest;
    }
    const sum = shares.reduce((a, v) => a + v, 0);
    shares.forEach((v, k) => (b.ageShares[i * N_AGE_BANDS + k] = Math.round((v / sum) * 1e4) / 1e4));
    // make the rounded shares sum to exactly 1 by adjusting the largest band
    let s4 = 0;
    for (let k = 0; k < N_AGE_BANDS; k++) s4 += b.ageShares[i * N_AGE_BANDS + k];
    b.ageShares[i * N_AGE_BANDS + 3] = Math.round((b.ageShares[i * N_AGE_BANDS + 3] + 1 - s4) * 1e4) / 1e4;
    b.polygons.push(null);
  }
  // integer populations summing exactly to `residents` (largest remainder)
  const total = weights.reduce((a, v) => a + v, 0);
  const exact = Array.from(weights, (w) => (w / total) * residents);
  let assigned = 0;
  exact.forEach((v, i) => {
    b.population[i] = Math.floor(v);
    assigned += b.population[i];
  });
  const order = exact.map((v, i) => [v - Math.floor(v), i]).sort((p, q) => q[0] - p[0] || p[1] - q[1]);
  for (let k = 0; k < residents - assigned; k++) b.population[order[k % n][1]]++;
  return b;
}

function cumulative(values: ArrayLike<number>): Float64Array {
  const cum = new Float64Array(values.length);
  let s = 0;
  for (let i = 0; i < values.length; i++) cum[i] = s += values[i];
  return cum;
}

function jitterNear(blocks: Blocks, i: number, rng: Rng, metres: number): [number, number] {
  const mpd = metresPerDegree(blocks.lat[i]);
  return [round6(blocks.lon[i] + uniform(rng, -metres, metres) / mpd.lon), round6(blocks.lat[i] + uniform(rng, -metres, metres) / mpd.lat)];
}

/** Facilities (capacities left at 0: facilityCapacities sets them) and each one's capacity spread draw. */
function makeFacilities(blocks: Blocks, isOld: boolean[], services: ServiceDef[], rng: Rng): { facilities: Facilities; spread: number[] } {
  const oldPop = blocks.population.map((p, i) => (isOld[i] ? p : 0));
  const newPop = blocks.population.map((p, i) => (isOld[i] ? 0 : p));
  const cumOld = cumulative(oldPop);
  const cumNew = cumulative(newPop);
  const totOld = cumOld[cumOld.length - 1];
  const totNew = cumNew[cumNew.length - 1];
  const ids: string[] = [];
  const names: string[] = [];
  const lon: number[] = [];
  const lat: number[] = [];
  const spread: number[] = [];
  const svc: number[][] = [];
  services.forEach((s, k) => {
    const [dOld, dNew] = FACILITY_DENSITY[s.id] ?? [1, 1];
    for (const [density, cum, total] of [[dOld, cumOld, totOld], [dNew, cumNew, totNew]] as [number, Float64Array, number][]) {
      if (total <= 0) continue;
      const expected = (density * total) / 10000;
      const count = Math.floor(expected) + (rng() < expected - Math.floor(expected) ? 1 : 0);
      for (let j = 0; j < count; j++) {
        const i = pickCumulative(cum, rng);
        const [x, y] = jitterNear(blocks, i, rng, 120);
        ids.push(`F${String(ids.length + 1).padStart(4, '0')}`);
        names.push(`${s.name} (${blocks.names[i].split(',')[0]})`);
        lon.push(x);
        lat.push(y);
        spread.push(uniform(rng, 1 - CAPACITY_SPREAD, 1 + CAPACITY_SPREAD)); // one draw per facility, as before capacities followed demand
        // a grocery sometimes also runs a parcel point
        svc.push(s.id === 'grocery' && rng() < 0.3 && services.some((t) => t.id === 'parcel') ? [k, services.findIndex((t) => t.id === 'parcel')].sort((a, b) => a - b) : [k]);
      }
    }
  });
  const n = ids.length;
  const offsets = new Int32Array(n + 1);
  svc.forEach((l, i) => (offsets[i + 1] = offsets[i] + l.length));
  return { facilities: { count: n, ids, names, lon: Float64Array.from(lon), lat: Float64Array.from(lat), capacity: new Float64Array(n), serviceOffsets: offsets, serviceIndex: Int32Array.from(svc.flat()) }, spread };
}

function makeCandidates(blocks: Blocks, services: ServiceDef[], rng: Rng): Candidates {
  const total = blocks.population.reduce((a, v) => a + v, 0);
  const n = Math.max(3, Math.round((90 * total) / DEFAULT_RESIDENTS));
  const cum = cumulative(Array.from({ length: blocks.count }, () => 1)); // spread evenly over blocks
  const kindCum = cumulative(SPACE_KINDS.map((k) => k.share));
  const c: Candidates = { count: n, ids: [], names: [], kinds: [], lon: new Float64Array(n), lat: new Float64Array(n), areaM2: new Float64Array(n), costMultiplier: new Float64Array(n), allowedOffsets: new Int32Array(n + 1), allowedIndex: new Int32Array(0) };
  const allowed: number[] = [];
  for (let j = 0; j < n; j++) {
    const kind = SPACE_KINDS[pickCumulative(kindCum, rng)];
    const i = pickCumulative(cum, rng);
    c.ids.push(`C${String(j + 1).padStart(3, '0')}`);
    c.names.push(`${kind.label} near ${blocks.names[i].split(',')[0]}`);
    c.kinds.push(kind.kind);
    [c.lon[j], c.lat[j]] = jitterNear(blocks, i, rng, 150);
    c.areaM2[j] = Math.round(uniform(rng, kind.area[0], kind.area[1]));
    c.costMultiplier[j] = Math.round(uniform(rng, kind.cost[0], kind.cost[1]) * 100) / 100;
    services.forEach((s, k) => {
      if (s.minAreaM2 <= c.areaM2[j]) allowed.push(k);
    });
    c.allowedOffsets[j + 1] = allowed.length;
  }
  c.allowedIndex = Int32Array.from(allowed);
  return c;
}
