/** writeScenario: save a Scenario in the folder format that loadScenario reads (atomically). */
import fs from 'node:fs';
import path from 'node:path';
import { AGE_BANDS, N_AGE_BANDS } from '../core/ageBands.ts';
import { withOutputDir } from '../io/atomic.ts';
import { csvColumns, csvString, type CsvCell } from '../io/csv.ts';
import { metaToJson } from './meta.ts';
import { AGE_SHARE_COLUMNS } from './tables/blocks.ts';
import { HOURS } from './tables/behaviour.ts';
import type { Scenario } from './types.ts';

const fmt = (x: number): string | number => (Number.isNaN(x) ? '' : x);

/** Write one table; the columns named in `text` are text (spreadsheet-safe, src/io/csv.ts), the others numbers. */
function put(dir: string, name: string, header: string[], text: string[], rows: CsvCell[][]): void {
  fs.writeFileSync(path.join(dir, name), csvString(csvColumns(header, text), rows));
}

/** Write the scenario's files into an existing folder (no atomicity: see writeScenario). */
export async function writeScenarioFiles(dir: string, sc: Scenario): Promise<void> {
  const { blocks: b, facilities: f, candidates: c, services, behaviour } = sc;
  const meta = metaToJson({ ...sc, chainProbability: behaviour.chainProbability });
  const usePolygons = b.polygons.some((p) => p !== null);
  if (usePolygons) meta.files = { blocks: 'blocks.geojson' };
  fs.writeFileSync(path.join(dir, 'scenario.json'), `${JSON.stringify(meta, null, 2)}\n`);

  put(dir, 'services.csv', ['id', 'name', 'category', 'min_area_m2', 'threshold_min', 'cost', 'capacity', 'source'], ['id', 'name', 'category', 'source'], services.map((s) => [s.id, s.name, s.category, s.minAreaM2, s.thresholdMin, s.cost, fmt(s.capacity), s.source]));
  put(dir, 'speeds.csv', ['age_band', 'speed_mps', 'source'], ['age_band', 'source'], AGE_BANDS.map((band, i) => [band, behaviour.speedMps[i], behaviour.sources[`speed:${band}`] ?? '']));
  const rates: CsvCell[][] = [];
  services.forEach((s, k) => AGE_BANDS.forEach((band, i) => rates.push([s.id, band, behaviour.tripsPerDay[k * N_AGE_BANDS + i], behaviour.sources[`rate:${s.id}:${band}`] ?? ''])));
  put(dir, 'trip_rates.csv', ['service', 'age_band', 'trips_per_day', 'source'], ['service', 'age_band', 'source'], rates);
  put(dir, 'time_profiles.csv', ['service', ...HOURS, 'source'], ['service', 'source'], services.map((s, k) => [s.id, ...HOURS.map((_, h) => +behaviour.departureProfile[k * 24 + h].toPrecision(12)), behaviour.sources[`profile:${s.id}`] ?? '']));

  const blockProps = (i: number) => [b.ids[i], b.names[i], b.population[i], ...AGE_BANDS.map((_, k) => +b.ageShares[i * N_AGE_BANDS + k].toPrecision(12)), b.tags[i]];
  if (usePolygons) {
    const features = Array.from({ length: b.count }, (_, i) => {
      const [id, name, population, ...rest] = blockProps(i);
      const props: Record<string, unknown> = { id, name, population, tag: rest[N_AGE_BANDS] };
      AGE_SHARE_COLUMNS.forEach((col, k) => (props[col] = rest[k]));
      const geometry = b.polygons[i] ? { type: 'Polygon', coordinates: b.polygons[i] } : { type: 'Point', coordinates: [b.lon[i], b.lat[i]] };
      return { type: 'Feature', properties: props, geometry };
    });
    fs.writeFileSync(path.join(dir, 'blocks.geojson'), `${JSON.stringify({ type: 'FeatureCollection', features })}\n`);
  } else {
    put(
      dir,
      'blocks.csv',
      ['id', 'name', 'lon', 'lat', 'population', ...AGE_SHARE_COLUMNS, 'tag'],
      ['id', 'name', 'tag'],
      Array.from({ length: b.count }, (_, i) => {
        const [id, name, ...rest] = blockProps(i);
        return [id, name, b.lon[i], b.lat[i], ...rest];
      }),
    );
  }
  const svcList = (idx: Int32Array, from: number, to: number) => Array.from(idx.subarray(from, to), (k) => services[k].id).join(';');
  put(dir, 'facilities.csv', ['id', 'name', 'services', 'lon', 'lat', 'capacity'], ['id', 'name', 'services'], Array.from({ length: f.count }, (_, i) => [f.ids[i], f.names[i], svcList(f.serviceIndex, f.serviceOffsets[i], f.serviceOffsets[i + 1]), f.lon[i], f.lat[i], fmt(f.capacity[i])]));
  put(
    dir,
    'candidates.csv',
    ['id', 'name', 'kind', 'lon', 'lat', 'area_m2', 'cost_multiplier', 'allowed'],
    ['id', 'name', 'kind', 'allowed'],
    Array.from({ length: c.count }, (_, i) => {
      const fitting = services.filter((s) => s.minAreaM2 <= c.areaM2[i]).length;
      const n = c.allowedOffsets[i + 1] - c.allowedOffsets[i];
      const allowed = n === fitting ? '*' : svcList(c.allowedIndex, c.allowedOffsets[i], c.allowedOffsets[i + 1]);
      return [c.ids[i], c.names[i], c.kinds[i], c.lon[i], c.lat[i], c.areaM2[i], c.costMultiplier[i], allowed];
    }),
  );
}

/**
 * Write a scenario folder atomically. `extra` may add files (e.g. network.bin) to the temporary
 * folder before it is moved into place.
 */
export async function writeScenario(dir: string, sc: Scenario, extra?: (tmpDir: string) => Promise<void> | void): Promise<void> {
  await withOutputDir(dir, async (tmp) => {
    await writeScenarioFiles(tmp, sc);
    if (extra) await extra(tmp);
  });
}
