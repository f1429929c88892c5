/**
 * The names `--outputs` takes: which tables (and GeoJSON layers) a command writes. Summary, plan and
 * JSON files are always written. Each command lists its own; a name is one table or a pair (coverage:
 * coverage.parquet, today's columns and the plan's; trips, block_metrics and site_loads: today's and
 * with the plan).
 */
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../core/errors.ts';

/** `run` (and each run of a batch): the coverage tables, the trips, the per-block metrics, the sites' loads, blocks.geojson. */
export const RUN_OUTPUTS = ['coverage', 'trips', 'block_metrics', 'site_loads', 'blocks'] as const;
/** `simulate`: the trips, the per-block metrics and the sites' loads. */
export const SIMULATE_OUTPUTS = ['trips', 'block_metrics', 'site_loads'] as const;
/** `compare`: comparison.csv, comparison_coverage.csv and difference.geojson. */
export const COMPARE_OUTPUTS = ['comparison', 'comparison_coverage', 'difference'] as const;

/**
 * Parse a comma-separated `--outputs` list against the names a command writes: 'all' (or nothing)
 * is every one (null), 'none' is no table. An unknown name is an InputError naming the valid ones.
 */
export function parseOutputs(raw: string | undefined, valid: readonly string[], what = 'command line'): string[] | null {
  if (raw === undefined) return null;
  const names = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (names.length === 1 && names[0] === 'all') return null;
  if (names.length === 1 && names[0] === 'none') return [];
  const unknown = names.filter((n) => !valid.includes(n));
  if (unknown.length > 0 || names.length === 0) throw new InputError(what, `--outputs has ${unknown.length ? `unknown name${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `'${n}'`).join(', ')}` : 'no name'}, expected a comma-separated list of ${valid.join(', ')} (or all, or none)`);
  return valid.filter((n) => names.includes(n));
}

/**
 * The file a job wrote for a table (`coverage` -> coverage.parquet, coverage.csv.gz or coverage.csv) or a GeoJSON layer
 * (`blocks` -> blocks.geojson.gz or blocks.geojson) in `dir`: the one there, the newer when both
 * are (compare adds its files to a folder without clearing it); when none is, the compact name, for
 * the error that names it.
 */
export function findOutputFile(dir: string, base: string, kind: 'table' | 'layer' = 'table'): string {
  const names = kind === 'table' ? [`${base}.parquet`, `${base}.csv.gz`, `${base}.csv`] : [`${base}.geojson.gz`, `${base}.geojson`];
  let best: string | null = null;
  let bestTime = -Infinity;
  for (const n of names) {
    const f = path.join(dir, n);
    let t: number;
    try {
      t = fs.statSync(f).mtimeMs;
    } catch {
      continue;
    }
    if (t > bestTime) {
      best = f;
      bestTime = t;
    }
  }
  return best ?? path.join(dir, names[0]);
}
