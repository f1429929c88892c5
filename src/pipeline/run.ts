/** The main job on one scenario: load, travel matrix, coverage of today's facilities; results written atomically. */
import path from 'node:path';
import fs from 'node:fs';
import { withOutputDir } from '../io/atomic.ts';
import { csvString } from '../io/csv.ts';
import { coverageText } from '../report/coverageText.ts';
import { COVERAGE_HEADER, coverageRows } from '../report/coverageCsv.ts';
import { loadScenario } from '../scenario/load.ts';
import { scenarioStats } from '../scenario/stats.ts';
import { computeTravelMatrix } from '../travel/travelMatrix.ts';
import { staticCoverage } from './staticCoverage.ts';

export interface RunOptions {
  out?: string;
  threads?: number;
  seed?: number;
  log?: (msg: string) => void;
}

export interface RunResult {
  outDir: string;
  files: string[];
  summary: Record<string, unknown>;
  text: string;
}

export async function runScenario(location: string, opts: RunOptions = {}): Promise<RunResult> {
  const log = opts.log ?? (() => {});
  const t0 = performance.now();
  const sc = await loadScenario(location);
  if (opts.seed !== undefined) sc.seed = opts.seed;
  const stats = scenarioStats(sc);
  log(`loaded ${sc.name}: ${stats.blocks} blocks, ${stats.residents} residents, ${stats.facilities} facilities, ${stats.candidates} idle spaces`);
  const { matrix, warnings } = await computeTravelMatrix(sc, undefined, { threads: opts.threads });
  for (const w of warnings) log(`warning: ${w}`);
  log(`travel matrix: ${matrix.index.length} block-site pairs within ${Math.round(matrix.cutoffM)} m`);
  const today = staticCoverage(sc, matrix);
  const outDir = path.resolve(opts.out ?? path.join('results', sc.name));
  const summary = {
    quarterhour: 1,
    scenario: sc.name,
    /** The scenario, relative to the output folder. */
    source: path.relative(outDir, path.resolve(location)),
    seed: sc.seed,
    network: sc.network.kind === 'osm' ? { kind: 'osm', file: path.basename(sc.network.file) } : sc.network,
    ...stats,
    coverageRule: "a resident is covered for a service when the nearest site offering it is within the service's threshold at the resident's age-band walking speed",
    today: today.summary,
    warnings,
  };
  const files = ['summary.json', 'coverage.csv'];
  await withOutputDir(outDir, async (tmp) => {
    fs.writeFileSync(path.join(tmp, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    fs.writeFileSync(path.join(tmp, 'coverage.csv'), await csvString(COVERAGE_HEADER, coverageRows(sc, today.table)));
  });
  log(`done in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  const text = coverageText(sc.services, today.summary, `Coverage today — ${sc.name} (${stats.residents} residents, seed ${sc.seed}): share of residents within each service's walking threshold`);
  return { outDir, files, summary, text };
}
