/**
 * loadScenario: read a scenario folder (scenario.json + CSV/GeoJSON tables) or a single JSON file,
 * validate everything, and build the typed Scenario. Problems are collected and thrown together as
 * InputErrors naming file, row and field.
 */
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../core/errors.ts';
import { readJsonFile } from '../io/json.ts';
import { readDefaultTable, type DefaultTable } from './defaults.ts';
import { readGeojsonTable } from './geojsonTable.ts';
import { parseMeta } from './meta.ts';
import { readCsvTable } from './loadTable.ts';
import { Problems, tableFromJson, type RawTable } from './rows.ts';
import { parseBlocks } from './tables/blocks.ts';
import { makeBehaviour, parseSpeeds, parseTimeProfiles, parseTripRates } from './tables/behaviour.ts';
import { parseCandidates } from './tables/candidates.ts';
import { parseFacilities } from './tables/facilities.ts';
import { parseServices } from './tables/services.ts';
import type { Scenario } from './types.ts';

export type TableName = 'blocks' | 'services' | 'facilities' | 'candidates' | 'speeds' | 'trip_rates' | 'time_profiles';

/** Where each table came from (a path, 'built-in default', or 'none'). */
export type TableSources = Record<TableName, string>;

export interface LoadedScenario {
  scenario: Scenario;
  tables: TableSources;
}

interface TableSource {
  get(name: TableName, required: boolean): Promise<RawTable | null>;
}

function folderSource(dir: string, files: Record<string, string>): TableSource {
  return {
    async get(name, required) {
      const explicit = files[name];
      const candidates = explicit ? [explicit] : [`${name}.csv`, `${name}.geojson`];
      for (const c of candidates) {
        const p = path.join(dir, c);
        if (!fs.existsSync(p)) continue;
        return p.endsWith('.geojson') || p.endsWith('.json') ? readGeojsonTable(p) : readCsvTable(p);
      }
      if (explicit || required) throw new InputError(path.join(dir, candidates[0]), `file not found; a scenario folder needs ${candidates.join(' or ')}`);
      return null;
    },
  };
}

function jsonSource(file: string, doc: Record<string, unknown>): TableSource {
  return {
    async get(name, required) {
      const v = doc[name];
      if (v === undefined) {
        if (required) throw new InputError(file, `is missing the '${name}' array`, undefined, name);
        return null;
      }
      return tableFromJson(file, name, v);
    },
  };
}

export async function loadScenarioWithSources(location: string): Promise<LoadedScenario> {
  if (!fs.existsSync(location)) throw new InputError(location, 'no such scenario folder or file');
  const isDir = fs.statSync(location).isDirectory();
  const metaFile = isDir ? path.join(location, 'scenario.json') : location;
  const baseDir = isDir ? location : path.dirname(location);
  const doc = readJsonFile(metaFile);
  const problems = new Problems();
  const meta = parseMeta(doc, metaFile, baseDir, path.basename(path.resolve(location), '.json'), problems);
  const source = isDir ? folderSource(location, meta.files) : jsonSource(metaFile, doc as Record<string, unknown>);

  const tables = {} as TableSources;
  const getOrDefault = async (name: DefaultTable): Promise<RawTable> => {
    const t = await source.get(name, false);
    tables[name] = t ? t.file : 'built-in default';
    return t ?? (await readDefaultTable(name));
  };
  const servicesTable = await getOrDefault('services');
  const services = parseServices(servicesTable, problems);
  const serviceIndex = new Map(services.map((s, i) => [s.id, i]));
  problems.throwIfAny(); // everything below refers to service ids

  const sources: Record<string, string> = {};
  const speeds = parseSpeeds(await getOrDefault('speeds'), problems, sources);
  const rates = parseTripRates(await getOrDefault('trip_rates'), problems, services, serviceIndex, sources);
  const profileTable = await source.get('time_profiles', false);
  tables.time_profiles = profileTable ? profileTable.file : tables.services === 'built-in default' ? 'built-in default' : 'flat';
  const profiles = parseTimeProfiles(profileTable ?? (tables.services === 'built-in default' ? await readDefaultTable('time_profiles') : null), problems, services, serviceIndex, sources);

  const blocksTable = (await source.get('blocks', true))!;
  tables.blocks = blocksTable.file;
  const blocks = parseBlocks(blocksTable, problems);
  const facTable = await source.get('facilities', false);
  tables.facilities = facTable ? facTable.file : 'none';
  const facilities = parseFacilities(facTable, problems, serviceIndex);
  const candTable = await source.get('candidates', false);
  tables.candidates = candTable ? candTable.file : 'none';
  const candidates = candTable
    ? parseCandidates(candTable, problems, services, serviceIndex)
    : parseCandidates({ file: 'none', rows: [], columns: [] }, new Problems(), services, serviceIndex);

  for (const sid of Object.keys(meta.constraints.minCount)) {
    if (!serviceIndex.has(sid)) problems.add(metaFile, `unknown service id '${sid}', expected one of: ${services.map((s) => s.id).join(', ')}`, undefined, `constraints.minCount.${sid}`);
  }
  problems.throwIfAny();

  const scenario: Scenario = {
    name: meta.name,
    description: meta.description,
    source: location,
    seed: meta.seed,
    services,
    serviceIndex,
    blocks,
    facilities,
    candidates,
    behaviour: makeBehaviour(speeds, rates, profiles, meta.chainProbability, sources),
    network: meta.network,
    budget: meta.budget,
    constraints: meta.constraints,
  };
  return { scenario, tables };
}

/** Load and validate a scenario folder or JSON file. */
export async function loadScenario(location: string): Promise<Scenario> {
  return (await loadScenarioWithSources(location)).scenario;
}
