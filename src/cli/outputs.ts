/** The --format and --outputs options of the commands that write tables (run, simulate, compare, batch). */
import { InputError } from '../core/errors.ts';
import { parseOutputs } from '../io/outputs.ts';
import { TABLE_FORMATS, type TableFormat } from '../io/tableWriter.ts';
import type { OptionSpec, ParsedValues } from './command.ts';

export const OUTPUT_OPTIONS: OptionSpec = { format: { type: 'string' }, outputs: { type: 'string' } };

/** The help lines of --format and --outputs for a command writing the tables `valid`. */
export function outputHelp(valid: readonly string[]): Record<string, string> {
  return {
    format: 'every table as parquet (typed columns, half the bytes of csv.gz or less), csv.gz (gzip-compressed CSV, which pandas, R, DuckDB and QGIS read as they are) or csv (plain, spreadsheet-safe); default: parquet for the big tables (trips, coverage, comparison_coverage: millions of rows in a city), csv.gz for the others; GeoJSON layers gzip-compressed except with csv',
    outputs: `comma-separated tables to write: ${valid.join(', ')} (default all; none for no table); summary, plan and JSON files are always written`,
  };
}

/** --format: the format asked for, or undefined (each table's own: src/io/tableWriter.ts tableFormat). */
export function formatOption(values: ParsedValues): TableFormat | undefined {
  const raw = values.format as string | undefined;
  if (raw === undefined) return undefined;
  if (!(TABLE_FORMATS as readonly string[]).includes(raw)) throw new InputError('command line', `--format is '${raw}', expected one of ${TABLE_FORMATS.join(', ')}`);
  return raw as TableFormat;
}

export function outputsOption(values: ParsedValues, valid: readonly string[]): string[] | null {
  return parseOutputs(values.outputs as string | undefined, valid);
}
