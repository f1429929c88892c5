/** The default service catalogue and behaviour tables, kept as data files (with sources) in ./defaults. */
import { fileURLToPath } from 'node:url';
import { readCsv } from '../io/csv.ts';
import { tableFromCsv, type RawTable } from './rows.ts';

export const DEFAULTS_DIR = fileURLToPath(new URL('./defaults/', import.meta.url));

export type DefaultTable = 'services' | 'speeds' | 'trip_rates' | 'time_profiles';

export async function readDefaultTable(name: DefaultTable): Promise<RawTable> {
  return tableFromCsv(await readCsv(`${DEFAULTS_DIR}${name}.csv`));
}
