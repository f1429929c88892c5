/** `quarterhour import-osm <file.osm.pbf> --out DIR`: a full scenario (walking network included) from OpenStreetMap. */
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../../core/errors.ts';
import { DEFAULT_SNAP_LIMIT_M } from '../../network/snap.ts';
import { parseAgeProfile, DEFAULT_AGE_PROFILE } from '../../osm/ageProfile.ts';
import { DEFAULT_HOUSEHOLD_SIZE, DEFAULT_LEVELS, DEFAULT_M2_PER_RESIDENT } from '../../osm/blocks.ts';
import { DEFAULT_CANDIDATE_AREA_M2 } from '../../osm/candidates.ts';
import { importOsmToFolder } from '../../osm/importScenario.ts';
import { formatImportReport } from '../../osm/report.ts';
import { EXIT_OK, numberOption, progress, type Command } from '../command.ts';

export const command: Command = {
  name: 'import-osm',
  usage: 'import-osm <file.osm.pbf|file.osm> --out DIR [--force] [--population grid.csv | --population-by-area areas.csv | --population-total N] [--levels-default N] [--m2-per-resident N] [--household-size N] [--doubted auto|count|skip] [--snap-limit M] [--candidates CSV|GeoJSON] [--include-construction] [--age-profile a,b,c,d,e,f] [--age-profile-by-area CSV|GeoJSON]',
  help: {
    out: 'output scenario folder (required; written atomically)',
    force: 'replace --out when it already exists and holds files (they are deleted)',
    population: 'population grid CSV (id, lon, lat, population) for the blocks instead of residential buildings (first in precedence)',
    'population-by-area': 'CSV name,population: scale the homes inside each OSM boundary=administrative area (matched by name) to its population (second)',
    'population-total': 'scale the homes to this known total of residents, exactly (third; else the footprint estimate)',
    'levels-default': `storeys of a building=yes without building:levels or height (default ${DEFAULT_LEVELS}; housing types have their own defaults)`,
    'm2-per-resident': `gross floor area per resident, m² (default ${DEFAULT_M2_PER_RESIDENT})`,
    'household-size': `residents of a single-household home (house, detached, ...) at most (default ${DEFAULT_HOUSEHOLD_SIZE})`,
    doubted: 'whether building=yes outside mapped land use counts as a home: auto (when residential land use covers under half the homes), count or skip (default auto)',
    'include-construction': 'also take construction sites as idle spaces (they are not idle by default)',
    'age-profile-by-area': 'age shares per area: CSV name,0-5,6-17,18-34,35-59,60-74,75+ (OSM admin areas by name) or a GeoJSON of polygons with those properties',
    'snap-limit': `points farther than this from any street stay unreachable and are reported, m (default ${DEFAULT_SNAP_LIMIT_M})`,
    candidates: 'extra candidate idle spaces: CSV or GeoJSON with the candidates.csv columns (id, kind, lon, lat, area_m2, ...)',
    'candidate-area': `floor area of a candidate drawn as a point, m² (default ${DEFAULT_CANDIDATE_AREA_M2})`,
    'age-profile': `city-wide shares of 0-5,6-17,18-34,35-59,60-74,75+ (default ${DEFAULT_AGE_PROFILE.join(',')})`,
    'tag-services': 'tag -> service mapping CSV (key, value, service; default src/osm/tag-services.csv)',
    name: 'scenario name (default: the file name)',
    seed: 'scenario seed (default 1)',
  },
  options: {
    out: { type: 'string' },
    force: { type: 'boolean' },
    population: { type: 'string' },
    'population-by-area': { type: 'string' },
    'population-total': { type: 'string' },
    'household-size': { type: 'string' },
    doubted: { type: 'string' },
    'include-construction': { type: 'boolean' },
    'age-profile-by-area': { type: 'string' },
    'levels-default': { type: 'string' },
    'm2-per-resident': { type: 'string' },
    'snap-limit': { type: 'string' },
    candidates: { type: 'string' },
    'candidate-area': { type: 'string' },
    'age-profile': { type: 'string' },
    'tag-services': { type: 'string' },
    name: { type: 'string' },
    seed: { type: 'string' },
  },
  async run(pos, values) {
    if (pos.length !== 1) throw new InputError('command line', 'expected exactly one OSM file (.osm.pbf or .osm)');
    const out = values.out as string | undefined;
    if (!out) throw new InputError('command line', '--out is required: the scenario folder to write');
    refuseToReplace(out, values.force === true);
    const doubted = values.doubted as string | undefined;
    if (doubted !== undefined && doubted !== 'auto' && doubted !== 'count' && doubted !== 'skip') throw new InputError('command line', `--doubted is '${doubted}', expected auto, count or skip`);
    const t0 = performance.now();
    const result = await importOsmToFolder(pos[0], out, {
      populationCsv: values.population as string | undefined,
      populationByAreaCsv: values['population-by-area'] as string | undefined,
      populationTotal: values['population-total'] === undefined ? undefined : numberOption(values, 'population-total', 0, { integer: true, min: 1 }),
      householdSize: numberOption(values, 'household-size', DEFAULT_HOUSEHOLD_SIZE, { min: 0.1 }),
      doubted: doubted as 'auto' | 'count' | 'skip' | undefined,
      includeConstruction: values['include-construction'] === true,
      ageProfileByArea: values['age-profile-by-area'] as string | undefined,
      levelsDefault: numberOption(values, 'levels-default', DEFAULT_LEVELS, { min: 0.1 }),
      m2PerResident: numberOption(values, 'm2-per-resident', DEFAULT_M2_PER_RESIDENT, { min: 1 }),
      snapLimitM: numberOption(values, 'snap-limit', DEFAULT_SNAP_LIMIT_M, { min: 0 }),
      candidatesCsv: values.candidates as string | undefined,
      candidateAreaM2: numberOption(values, 'candidate-area', DEFAULT_CANDIDATE_AREA_M2, { min: 1 }),
      ageShares: values['age-profile'] === undefined ? undefined : parseAgeProfile(values['age-profile'] as string),
      tagServicesCsv: values['tag-services'] as string | undefined,
      name: values.name as string | undefined,
      seed: values.seed === undefined ? undefined : numberOption(values, 'seed', 1, { integer: true, min: 0 }),
      log: values.json ? undefined : progress,
    });
    const seconds = (performance.now() - t0) / 1000;
    const where = path.relative(process.cwd(), path.resolve(out)) || out;
    if (values.json) process.stdout.write(`${JSON.stringify({ scenario: where, ...result.report, seconds: { ...result.report.seconds, total: +seconds.toFixed(2) } }, null, 2)}\n`);
    else {
      process.stdout.write(`${formatImportReport(result.report, where)}\n`);
      progress(`done in ${seconds.toFixed(2)} s`);
    }
    return EXIT_OK;
  },
};

/**
 * import-osm writes --out as a whole (a temporary folder renamed into place), so an existing folder's
 * other files would be lost: refuse unless --force, naming what would be replaced.
 */
function refuseToReplace(out: string, force: boolean): void {
  let entries: string[];
  try {
    const st = fs.statSync(out);
    if (!st.isDirectory()) {
      if (!force) throw new InputError('command line', `--out ${out} is an existing file, which would be replaced; give --force to replace it, or choose another --out`);
      return;
    }
    entries = fs.readdirSync(out).sort();
  } catch (e) {
    if (e instanceof InputError) throw e;
    return;
  }
  if (entries.length === 0 || force) return;
  const shown = entries.slice(0, 10).join(', ') + (entries.length > 10 ? `, ... (${entries.length - 10} more)` : '');
  throw new InputError('command line', `--out ${out} already exists and holds ${entries.length} entr${entries.length > 1 ? 'ies' : 'y'} (${shown}); import-osm replaces the whole folder, deleting them: give --force to replace it, or choose another --out`);
}
