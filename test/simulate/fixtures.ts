/** Tiny hand-made scenarios for the simulation tests: a few blocks, sites at known walking distances. */
import seedrandom from 'seedrandom';
import { N_AGE_BANDS } from '../../src/core/ageBands.ts';
import type { Scenario, ServiceCategory, ServiceDef } from '../../src/scenario/types.ts';
import { matrixFromRows, type SparseDistanceMatrix } from '../../src/travel/matrix.ts';

export interface TinyService {
  id: string;
  category?: ServiceCategory;
  thresholdMin?: number;
  capacity?: number;
  /** Trips per day per age band (6 values). */
  rates: number[];
  /** 24 hourly weights (default flat 7:00-21:00). */
  profile?: number[];
}

export interface TinyScenarioSpec {
  services: TinyService[];
  blocks: { id: string; population: number; shares: number[]; tag?: string }[];
  facilities: { id: string; services: string[]; capacity?: number }[];
  candidates?: { id: string; allowed: string[] }[];
  speedMps?: number[];
  chainProbability?: number;
  seed?: number;
  /** Walking metres [block][site] (sites: facilities then candidates); Infinity or undefined = out of reach. */
  metres: (number | undefined)[][];
  cutoffM?: number;
}

const FLAT_DAY = Array.from({ length: 24 }, (_, h) => (h >= 7 && h < 21 ? 1 : 0));

export function tinyScenario(spec: TinyScenarioSpec): { scenario: Scenario; matrix: SparseDistanceMatrix } {
  const services: ServiceDef[] = spec.services.map((s) => ({
    id: s.id,
    name: s.id,
    category: s.category ?? 'basic',
    minAreaM2: 1,
    thresholdMin: s.thresholdMin ?? 15,
    cost: 1000,
    capacity: s.capacity ?? NaN,
    source: '',
  }));
  const serviceIndex = new Map(services.map((s, i) => [s.id, i]));
  const sIdx = (id: string): number => {
    const s = serviceIndex.get(id);
    if (s === undefined) throw new Error(`fixture: unknown service ${id}`);
    return s;
  };
  const nB = spec.blocks.length;
  const nS = services.length;
  const F = spec.facilities.length;
  const cands = spec.candidates ?? [];
  const C = cands.length;
  const facOffsets = new Int32Array(F + 1);
  spec.facilities.forEach((f, i) => (facOffsets[i + 1] = facOffsets[i] + f.services.length));
  const candOffsets = new Int32Array(C + 1);
  cands.forEach((c, i) => (candOffsets[i + 1] = candOffsets[i] + c.allowed.length));
  const tripsPerDay = new Float64Array(nS * N_AGE_BANDS);
  const departureProfile = new Float64Array(nS * 24);
  spec.services.forEach((s, i) => {
    for (let b = 0; b < N_AGE_BANDS; b++) tripsPerDay[i * N_AGE_BANDS + b] = s.rates[b];
    const p = s.profile ?? FLAT_DAY;
    const sum = p.reduce((a, x) => a + x, 0);
    for (let h = 0; h < 24; h++) departureProfile[i * 24 + h] = p[h] / sum;
  });
  const scenario: Scenario = {
    name: 'tiny',
    description: 'hand-made test scenario',
    source: '',
    seed: spec.seed ?? 42,
    services,
    serviceIndex,
    blocks: {
      count: nB,
      ids: spec.blocks.map((b) => b.id),
      names: spec.blocks.map((b) => b.id),
      tags: spec.blocks.map((b) => b.tag ?? ''),
      lon: Float64Array.from(spec.blocks, (_, i) => 120 + i * 0.01),
      lat: new Float64Array(nB).fill(30),
      population: Int32Array.from(spec.blocks, (b) => b.population),
      ageShares: Float64Array.from(spec.blocks.flatMap((b) => b.shares)),
      polygons: spec.blocks.map(() => null),
    },
    facilities: {
      count: F,
      ids: spec.facilities.map((f) => f.id),
      names: spec.facilities.map((f) => f.id),
      lon: Float64Array.from(spec.facilities, (_, i) => 120 + i * 0.002),
      lat: new Float64Array(F).fill(30.001),
      capacity: Float64Array.from(spec.facilities, (f) => f.capacity ?? NaN),
      serviceOffsets: facOffsets,
      serviceIndex: Int32Array.from(spec.facilities.flatMap((f) => f.services.map(sIdx))),
    },
    candidates: {
      count: C,
      ids: cands.map((c) => c.id),
      names: cands.map((c) => c.id),
      kinds: cands.map(() => 'vacant-shop'),
      lon: Float64Array.from(cands, (_, i) => 120.001 + i * 0.002),
      lat: new Float64Array(C).fill(30.002),
      areaM2: new Float64Array(C).fill(100),
      costMultiplier: new Float64Array(C).fill(1),
      allowedOffsets: candOffsets,
      allowedIndex: Int32Array.from(cands.flatMap((c) => c.allowed.map(sIdx))),
    },
    behaviour: {
      speedMps: Float64Array.from(spec.speedMps ?? [1.0, 1.2, 1.35, 1.35, 1.15, 0.95]),
      tripsPerDay,
      departureProfile,
      chainProbability: spec.chainProbability ?? 0,
      sources: {},
    },
    network: { kind: 'euclidean', detourFactor: 1.3 },
    budget: {},
    constraints: { minCount: {}, ageWeights: new Float64Array(6).fill(1), equity: {} },
  };
  const nSites = F + C;
  const rowCols: number[][] = [];
  const rowMetres: number[][] = [];
  for (let b = 0; b < nB; b++) {
    const cols: number[] = [];
    const met: number[] = [];
    for (let j = 0; j < nSites; j++) {
      const m = spec.metres[b]?.[j];
      if (m !== undefined && Number.isFinite(m)) {
        cols.push(j);
        met.push(m);
      }
    }
    rowCols.push(cols);
    rowMetres.push(met);
  }
  return { scenario, matrix: matrixFromRows(nSites, spec.cutoffM ?? 3000, rowCols, rowMetres) };
}

/** A uniform age profile. */
export const EVEN_SHARES = [1, 1, 1, 1, 1, 1].map((x) => x / 6);

/** 30 blocks, 8 sites (some capacitated), 3 services, sites within reach at random distances. */
export function town() {
  const rng = seedrandom('town');
  const blocks = Array.from({ length: 30 }, (_, i) => ({ id: `blk-${i}`, population: 200 + Math.floor(rng() * 600), shares: Array.from({ length: 6 }, () => rng()) }));
  const nSites = 8;
  return tinyScenario({
    services: [
      { id: 'grocery', rates: [0.1, 0.1, 0.3, 0.3, 0.4, 0.3], capacity: 900 },
      { id: 'clinic', thresholdMin: 10, rates: [0.05, 0.01, 0.01, 0.02, 0.05, 0.1] },
      { id: 'barber', rates: [0.05, 0.05, 0.05, 0.05, 0.05, 0.05] },
    ],
    blocks,
    facilities: [
      { id: 'f0', services: ['grocery'], capacity: 400 },
      { id: 'f1', services: ['grocery', 'clinic'], capacity: 800 },
      { id: 'f2', services: ['clinic'] },
      { id: 'f3', services: ['barber', 'grocery'], capacity: 500 },
      { id: 'f4', services: ['grocery'] },
    ],
    candidates: [{ id: 'c0', allowed: ['barber', 'grocery'] }, { id: 'c1', allowed: ['clinic'] }, { id: 'c2', allowed: ['grocery'] }],
    metres: blocks.map(() => Array.from({ length: nSites }, () => (rng() < 0.7 ? 100 + rng() * 1500 : undefined))),
    chainProbability: 0.4,
    seed: 99,
  });
}

