/** blocks.csv / blocks.geojson -> Blocks columns, with age shares checked to sum to 1 ± 0.01. */
import { AGE_BANDS, N_AGE_BANDS } from '../../core/ageBands.ts';
import type { Blocks } from '../types.ts';
import { FieldReader, type Problems, type RawTable } from '../rows.ts';
import { POLYGON_KEY, readLonLat } from './location.ts';

/** Column name of each age band's share: age_0_5, age_6_17, ..., age_75_plus. */
export const AGE_SHARE_COLUMNS = AGE_BANDS.map((b) => `age_${b.replace('-', '_').replace('+', '_plus')}`);
export const BLOCK_COLUMNS = ['id', 'lon', 'lat', 'population', ...AGE_SHARE_COLUMNS];
export const SHARE_TOLERANCE = 0.01;

export function parseBlocks(table: RawTable, problems: Problems): Blocks {
  const f = new FieldReader(table, problems);
  const n = table.rows.length;
  const blocks: Blocks = {
    count: n,
    ids: [],
    names: [],
    tags: [],
    lon: new Float64Array(n),
    lat: new Float64Array(n),
    population: new Int32Array(n),
    ageShares: new Float64Array(n * N_AGE_BANDS),
    polygons: [],
  };
  if (!f.requireColumns(BLOCK_COLUMNS)) return { ...blocks, count: 0 };
  const seen = new Map<string, number | string>();
  table.rows.forEach((r, i) => {
    blocks.ids.push(f.uniqueId(r, 'id', seen));
    blocks.names.push(f.str(r, 'name', { optional: true }));
    blocks.tags.push(f.str(r, 'tag', { optional: true }));
    [blocks.lon[i], blocks.lat[i]] = readLonLat(f, r);
    blocks.population[i] = f.num(r, 'population', { min: 0, integer: true, max: 2 ** 31 - 1 }) | 0;
    let sum = 0;
    let ok = true;
    AGE_SHARE_COLUMNS.forEach((col, b) => {
      const v = f.num(r, col, { min: 0, max: 1 });
      if (Number.isNaN(v)) ok = false;
      blocks.ageShares[i * N_AGE_BANDS + b] = v;
      sum += v;
    });
    if (ok && Math.abs(sum - 1) > SHARE_TOLERANCE) {
      problems.add(table.file, `age shares sum to ${+sum.toFixed(4)}, expected 1 ± ${SHARE_TOLERANCE}`, r.row, AGE_SHARE_COLUMNS.join('+'));
    } else if (ok) {
      for (let b = 0; b < N_AGE_BANDS; b++) blocks.ageShares[i * N_AGE_BANDS + b] /= sum;
    }
    blocks.polygons.push((r.values[POLYGON_KEY] as number[][][] | undefined) ?? null);
  });
  return blocks;
}
