/**
 * Reading site capacities for the capacitated models (`locate --capacities sites.csv`): columns
 * `site` and `capacity` (demand weight a site can serve, a finite number >= 0), one row per site of
 * the cost table. The rule for the others: a site without a row is an error naming it, unless a
 * default capacity is given (`--default-capacity`). A site not in the cost table, or listed twice,
 * is an error naming the row. Bad input raises InputError naming the file, row and field.
 */
import { InputError } from '../../core/errors.ts';
import { csvNumber } from '../../io/csv.ts';
import { column, readTable, textCell } from './table.ts';

export async function readCapacities(file: string, siteIds: string[], defaultCapacity?: number): Promise<Float64Array> {
  const t = await readTable(file);
  const cSite = column(t, 'site', 'site id');
  const cCap = column(t, 'capacity', 'site capacity');
  const index = new Map<string, number>();
  siteIds.forEach((id, j) => index.set(id, j));
  const cap = new Float64Array(siteIds.length).fill(NaN);
  for (const r of t.rows) {
    const id = textCell(r, cSite);
    if (id === '') throw new InputError(file, 'site id is empty', r.line, 'site');
    const j = index.get(id);
    if (j === undefined) throw new InputError(file, `site '${id}' is not a site of the cost table`, r.line, 'site');
    if (!Number.isNaN(cap[j])) throw new InputError(file, `site '${id}' is listed twice`, r.line, 'site');
    const raw = r.cells[cCap] ?? '';
    const v = csvNumber(raw, t.decimalComma);
    if (!Number.isFinite(v) || v < 0) throw new InputError(file, `capacity is '${raw}', expected a number >= 0`, r.line, 'capacity');
    cap[j] = v;
  }
  const missing = siteIds.filter((_, j) => Number.isNaN(cap[j]));
  if (missing.length) {
    if (defaultCapacity === undefined) throw new InputError(file, `has no capacity for ${missing.length} site(s) of the cost table, e.g. '${missing[0]}'; add them or give --default-capacity`, undefined, 'site');
    for (let j = 0; j < cap.length; j++) if (Number.isNaN(cap[j])) cap[j] = defaultCapacity;
  }
  return cap;
}
