/** services.csv -> the service catalogue. */
import type { ServiceDef } from '../types.ts';
import { FieldReader, type Problems, type RawTable } from '../rows.ts';

export const SERVICE_COLUMNS = ['id', 'name', 'category', 'min_area_m2', 'threshold_min', 'cost'];

export function parseServices(table: RawTable, problems: Problems): ServiceDef[] {
  const f = new FieldReader(table, problems);
  if (!f.requireColumns(SERVICE_COLUMNS)) return [];
  const seen = new Map<string, number | string>();
  return table.rows.map((r) => {
    const id = f.uniqueId(r, 'id', seen);
    const category = f.str(r, 'category');
    if (category !== '' && category !== 'basic' && category !== 'quality') {
      problems.add(table.file, `is '${category}', expected 'basic' or 'quality'`, r.row, 'category');
    }
    return {
      id,
      name: f.str(r, 'name', { optional: true }) || id,
      category: category === 'quality' ? 'quality' : 'basic',
      minAreaM2: f.num(r, 'min_area_m2', { min: 0 }),
      thresholdMin: f.num(r, 'threshold_min', { min: 0, exclusiveMin: true }),
      cost: f.num(r, 'cost', { min: 0 }),
      capacity: f.num(r, 'capacity', { min: 0, exclusiveMin: true, optional: true, fallback: NaN }),
      source: f.str(r, 'source', { optional: true }),
    } satisfies ServiceDef;
  });
}
