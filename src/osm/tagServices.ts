/**
 * The OSM tag -> service mapping: a documented data table (tag-services.csv beside this file, or a
 * user's file with the same columns key,value,service[,note]) mapping tags such as shop=convenience to
 * service ids of the scenario's catalogue. One OSM element may offer several services.
 */
import { fileURLToPath } from 'node:url';
import { readCsv, restoreText } from '../io/csv.ts';
import { Problems } from '../scenario/rows.ts';
import type { Tags } from './read.ts';

export const DEFAULT_TAG_SERVICES = fileURLToPath(new URL('./tag-services.csv', import.meta.url));

export interface TagRule {
  key: string;
  /** '*' matches any value. */
  value: string;
  /** Index into the service catalogue. */
  service: number;
}

export interface TagServiceTable {
  file: string;
  rules: TagRule[];
  /** Service indices no rule maps to (their facilities cannot be found in OSM). */
  unmapped: number[];
}

export async function readTagServices(serviceIndex: Map<string, number>, file = DEFAULT_TAG_SERVICES): Promise<TagServiceTable> {
  const t = await readCsv(file);
  const problems = new Problems();
  const missing = ['key', 'value', 'service'].filter((c) => !t.header.includes(c));
  if (missing.length > 0) problems.add(file, `missing column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `'${m}'`).join(', ')}; expected columns: key, value, service, note`, 1);
  problems.throwIfAny();
  const rules: TagRule[] = [];
  for (const r of t.rows) {
    const key = restoreText(r.values.key);
    const value = restoreText(r.values.value);
    const sid = restoreText(r.values.service);
    if (key === '') problems.add(file, 'is empty, expected an OSM tag key such as shop', r.line, 'key');
    if (value === '') problems.add(file, "is empty, expected an OSM tag value such as convenience, or '*'", r.line, 'value');
    const service = serviceIndex.get(sid);
    if (service === undefined) problems.add(file, `unknown service id '${sid}', expected one of ${[...serviceIndex.keys()].join(', ')}`, r.line, 'service');
    else if (key !== '' && value !== '') rules.push({ key, value, service });
  }
  problems.throwIfAny();
  const mapped = new Set(rules.map((r) => r.service));
  const unmapped = [...serviceIndex.values()].filter((k) => !mapped.has(k)).sort((a, b) => a - b);
  return { file, rules, unmapped };
}

/** Service indices (ascending, unique) an element's tags map to; empty when none. */
export function servicesOf(table: TagServiceTable, tags: Tags): number[] {
  const out: number[] = [];
  for (const r of table.rules) {
    const v = tags[r.key];
    if (v !== undefined && (r.value === '*' || v === r.value) && !out.includes(r.service)) out.push(r.service);
  }
  return out.sort((a, b) => a - b);
}
