/** scenario.json (the non-tabular part: name, seed, network, budget, constraints) -> typed settings. */
import fs from 'node:fs';
import path from 'node:path';
import { AGE_BANDS, N_AGE_BANDS, ageBandIndex } from '../core/ageBands.ts';
import type { Budget, Constraints, NetworkSpec } from './types.ts';
import { SCENARIO_FORMAT, SCENARIO_FORMAT_VERSION } from './types.ts';
import type { Problems } from './rows.ts';
import { DEFAULT_SNAP_LIMIT_M } from '../network/snap.ts';

export const DEFAULT_DETOUR_FACTOR = 1.3;
export const DEFAULT_CHAIN_PROBABILITY = 0.3;

export interface ScenarioMeta {
  name: string;
  description: string;
  seed: number;
  network: NetworkSpec;
  budget: Budget;
  chainProbability: number;
  /** Constraints with service ids still unresolved (checked once the catalogue is known). */
  constraints: Constraints;
  /** Optional file-name overrides, e.g. { "blocks": "blocks.geojson" }. */
  files: Record<string, string>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `baseDir` resolves relative file names (the network file); `defaultName` is used when the document has no name. */
export function parseMeta(doc: unknown, file: string, baseDir: string, defaultName: string, problems: Problems): ScenarioMeta {
  const meta: ScenarioMeta = {
    name: defaultName,
    description: '',
    seed: 1,
    network: { kind: 'euclidean', detourFactor: DEFAULT_DETOUR_FACTOR },
    budget: {},
    chainProbability: DEFAULT_CHAIN_PROBABILITY,
    constraints: { minCount: {}, ageWeights: new Float64Array(N_AGE_BANDS).fill(1), equity: {} },
    files: {},
  };
  if (!isObj(doc)) {
    problems.add(file, 'expected a JSON object');
    return meta;
  }
  const bad = (field: string, msg: string) => problems.add(file, msg, undefined, field);
  const num = (v: unknown, field: string, min: number, max = Infinity, integer = false): number | undefined => {
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
      bad(field, `is ${JSON.stringify(v)}, expected ${integer ? 'an integer' : 'a number'} >= ${min}${max < Infinity ? ` and <= ${max}` : ''}`);
      return undefined;
    }
    return v;
  };

  if (doc.format !== undefined && doc.format !== SCENARIO_FORMAT) bad('format', `is ${JSON.stringify(doc.format)}, expected "${SCENARIO_FORMAT}"`);
  if (doc.version !== undefined && doc.version !== SCENARIO_FORMAT_VERSION) bad('version', `is ${JSON.stringify(doc.version)}, expected ${SCENARIO_FORMAT_VERSION} (this quarterhour reads format version ${SCENARIO_FORMAT_VERSION})`);
  if (typeof doc.name === 'string' && doc.name.trim() !== '') meta.name = doc.name.trim();
  if (typeof doc.description === 'string') meta.description = doc.description;
  meta.seed = num(doc.seed, 'seed', 0, 2 ** 32 - 1, true) ?? meta.seed;

  if (doc.files !== undefined) {
    if (!isObj(doc.files)) bad('files', 'expected an object of table name -> file name');
    else for (const [k, v] of Object.entries(doc.files)) if (typeof v === 'string') meta.files[k] = v;
  }

  const net = doc.network;
  if (net !== undefined && net !== null && net !== 'none') {
    if (!isObj(net)) bad('network', 'expected an object such as {"kind": "euclidean", "detourFactor": 1.3} or {"kind": "osm", "file": "network.bin"}');
    else if (net.kind === undefined || net.kind === 'euclidean' || net.kind === 'none') {
      meta.network = { kind: 'euclidean', detourFactor: num(net.detourFactor, 'network.detourFactor', 1, 5) ?? DEFAULT_DETOUR_FACTOR };
    } else if (net.kind === 'osm') {
      if (typeof net.file !== 'string' || net.file === '') bad('network.file', 'is missing, expected the network file name, e.g. "network.bin"');
      else {
        const f = path.resolve(baseDir, net.file);
        if (!fs.existsSync(f)) bad('network.file', `names '${net.file}', which does not exist (looked for ${f})`);
        meta.network = { kind: 'osm', file: f, snapLimitM: num(net.snapLimitM, 'network.snapLimitM', 0) ?? DEFAULT_SNAP_LIMIT_M };
      }
    } else bad('network.kind', `is ${JSON.stringify(net.kind)}, expected "euclidean" or "osm"`);
  }

  if (doc.behaviour !== undefined) {
    if (!isObj(doc.behaviour)) bad('behaviour', 'expected an object');
    else meta.chainProbability = num(doc.behaviour.chainProbability, 'behaviour.chainProbability', 0, 1) ?? DEFAULT_CHAIN_PROBABILITY;
  }

  if (doc.budget !== undefined) {
    if (!isObj(doc.budget)) bad('budget', 'expected an object such as {"maxConversions": 10, "maxCost": 2000000}');
    else {
      meta.budget.maxConversions = num(doc.budget.maxConversions, 'budget.maxConversions', 0, Infinity, true);
      meta.budget.maxCost = num(doc.budget.maxCost, 'budget.maxCost', 0);
    }
  }

  const c = doc.constraints;
  if (c !== undefined) {
    if (!isObj(c)) bad('constraints', 'expected an object');
    else {
      if (c.minCount !== undefined) {
        if (!isObj(c.minCount)) bad('constraints.minCount', 'expected an object of service id -> count');
        else for (const [k, v] of Object.entries(c.minCount)) {
          const n = num(v, `constraints.minCount.${k}`, 0, Infinity, true);
          if (n !== undefined) meta.constraints.minCount[k] = n;
        }
      }
      if (c.ageWeights !== undefined) {
        if (!isObj(c.ageWeights)) bad('constraints.ageWeights', `expected an object of age band -> weight (${AGE_BANDS.join(', ')})`);
        else for (const [k, v] of Object.entries(c.ageWeights)) {
          const b = ageBandIndex(k);
          if (b < 0) bad(`constraints.ageWeights.${k}`, `unknown age band '${k}', expected one of ${AGE_BANDS.join(', ')}`);
          const w = num(v, `constraints.ageWeights.${k}`, 0);
          if (b >= 0 && w !== undefined) meta.constraints.ageWeights[b] = w;
        }
      }
      if (c.equity !== undefined) {
        if (!isObj(c.equity)) bad('constraints.equity', 'expected an object such as {"ageBandMin": 0.6, "blockMin": 0.3}');
        else {
          meta.constraints.equity.ageBandMin = num(c.equity.ageBandMin, 'constraints.equity.ageBandMin', 0, 1);
          meta.constraints.equity.blockMin = num(c.equity.blockMin, 'constraints.equity.blockMin', 0, 1);
        }
      }
      if (c.capacitated !== undefined) {
        if (typeof c.capacitated !== 'boolean') bad('constraints.capacitated', 'expected true or false');
        else if (c.capacitated) meta.constraints.capacitated = true;
      }
    }
  }
  return meta;
}

/** The scenario.json object for settings (inverse of parseMeta, used by writeScenario). */
/** The network file is written by its base name: it lives in the scenario folder. */
export function metaToJson(m: { name: string; description: string; seed: number; network: NetworkSpec; budget: Budget; chainProbability: number; constraints: Constraints }): Obj {
  const network =
    m.network.kind === 'osm'
      ? { kind: 'osm', file: path.basename(m.network.file), snapLimitM: m.network.snapLimitM }
      : { kind: 'euclidean', detourFactor: m.network.detourFactor };
  const ageWeights: Obj = {};
  AGE_BANDS.forEach((b, i) => (ageWeights[b] = m.constraints.ageWeights[i]));
  return {
    format: SCENARIO_FORMAT,
    version: SCENARIO_FORMAT_VERSION,
    name: m.name,
    description: m.description,
    seed: m.seed,
    network,
    behaviour: { chainProbability: m.chainProbability },
    budget: m.budget,
    constraints: { minCount: m.constraints.minCount, ageWeights, equity: m.constraints.equity, ...(m.constraints.capacitated && { capacitated: true }) },
  };
}
