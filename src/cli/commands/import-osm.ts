/** `quarterhour import-osm <file.osm.pbf> --out DIR`: a full scenario (walking network included) from OpenStreetMap. */
import path from 'node:path';
import { InputError } from '../../core/errors.ts';
import { DEFAULT_SNAP_LIMIT_M } from '../../network/snap.ts';
import { parseAgeProfile, DEFAULT_AGE_PROFILE } from '../../osm/ageProfile.ts';
import { DEFAULT_LEVELS, DEFAULT_M2_PER_RESIDENT } from '../../osm/blocks.ts';
import { DEFAULT_CANDIDATE_AREA_M2 } from '../../osm/candidates.ts';
import { importOsmToFolder } from '../../osm/importScenario.ts';
import { formatImportReport } from '../../osm/report.ts';
import { EXIT_OK, numberOption, progress, type Command } from '../command.ts';

export const command: Command = {
  name: 'import-osm',
  usage: 'import-osm <file.osm.pbf|file.osm> --out DIR [--population grid.csv] [--levels-default N] [--m2-per-resident N] [--snap-limit M] [--candidates CSV] [--age-profile a,b,c,d,e,f]',
  help: {
    out: 'output scenario folder (required; replaced atomically)',
    population: 'population grid CSV (id, lon, lat, population) for the blocks instead of residential buildings',
    'levels-default': `building levels when building:levels is missing (default ${DEFAULT_LEVELS})`,
    'm2-per-resident': `floor area per resident, m² (default ${DEFAULT_M2_PER_RESIDENT})`,
    'snap-limit': `points farther than this from any street stay unreachable and are reported, m (default ${DEFAULT_SNAP_LIMIT_M})`,
    candidates: 'extra candidate idle spaces (candidates.csv columns: id, kind, lon, lat, area_m2, ...)',
    'candidate-area': `floor area of a candidate drawn as a point, m² (default ${DEFAULT_CANDIDATE_AREA_M2})`,
    'age-profile': `city-wide shares of 0-5,6-17,18-34,35-59,60-74,75+ (default ${DEFAULT_AGE_PROFILE.join(',')})`,
    'tag-services': 'tag -> service mapping CSV (key, value, service; default src/osm/tag-services.csv)',
    name: 'scenario name (default: the file name)',
    seed: 'scenario seed (default 1)',
  },
  options: {
    out: { type: 'string' },
    population: { type: 'string' },
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
    const t0 = performance.now();
    const result = await importOsmToFolder(pos[0], out, {
      populationCsv: values.population as string | undefined,
      levelsDefault: numberOption(values, 'levels-default', DEFAULT_LEVELS, { min: 0.1 }),
      m2PerResident: numberOption(values, 'm2-per-resident', DEFAULT_M2_PER_RESIDENT, { min: 1 }),
      snapLimitM: numberOption(values, 'snap-limit', DEFAULT_SNAP_LIMIT_M, { min: 0 }),
      candidatesCsv: values.candidates as string | undefined,
      candidateAreaM2: numberOption(values, 'candidate-area', DEFAULT_CANDIDATE_AREA_M2, { min: 1 }),
      ageShares: values['age-profile'] === undefined ? undefined : parseAgeProfile(values['age-profile'] as string),
      tagServicesCsv: values['tag-services'] as string | undefined,
      name: values.name as string | undefined,
      seed: values.seed === undefined ? undefined : numberOption(values, 'seed', 1, { integer: true, min: 0 }),
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
