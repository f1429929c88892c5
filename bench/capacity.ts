/**
 * Bench: the whole `simulate` command, capacities on, as a user runs it (`node bin/quarterhour.js
 * simulate <dir> --threads N`), on generated cities of 60,000, 250,000 and 1,000,000 residents (and with
 * `--sizes ...,poa` the real Porto Alegre extract imported with its population grid), with 1
 * and 2 threads (runs alternate, so both see the same load; the ratio is also given pair by pair, run k
 * of 2 threads over run k of 1 thread), with the default outputs and with
 * --no-trips (to tell the simulation from the writing). Each row: the median wall time of the runs, the
 * capacity loop's passes and stop, the blocks simulated again, the worst load over capacity and the
 * share of trips at overloaded sites (from metrics.json). Targets (issue 13): the 1,000,000-resident
 * command under 3 s on 2 threads, and 2 threads faster than 1.
 *
 * Each side's stages are the medians of its runs' own timings (`--json` `seconds`): "start + load" is
 * the rest of the wall time (process start, reading the scenario, exit), "non-write" the whole time
 * less the write. The load average is sampled before every run; the table gives its range.
 *
 *   npm run build && npx tsx bench/capacity.ts [--runs 3] [--sizes 60000,250000,1000000,poa] [--seed 11] [--outputs default,no-trips] [--name capacity]
 *
 * Prints a markdown table and writes bench/results/<name>.md (default capacity.md).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(REPO, 'bin', 'quarterhour.js');

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}
const RUNS = Number(option('runs', '3'));
/** City sizes (residents) to generate, or `poa`: the real Porto Alegre extract (../shared/data) imported with its H3 population grid (812,935 residents on 1,124 cells, its street network). */
const SIZES = option('sizes', '60000,250000,1000000').split(',');
const POA = { pbf: path.join(REPO, '..', 'shared', 'data', 'porto-alegre', 'poa_osm.pbf'), grid: path.join(REPO, '..', 'shared', 'data', 'porto-alegre', 'poa_hexgrid.csv') };
const SEED = Number(option('seed', '11'));
const OUTPUTS = option('outputs', 'default,no-trips').split(',');
const NAME = option('name', 'capacity');

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Run {
  seconds: number;
  /** 1-minute load average just before the run. */
  load: number;
  metrics: { trips: number; capacity: { iterations: number; stopped: string; blocksResimulated: number; maxOverloadRatio: number; overloadedSiteTrips: number; servedTrips: number } };
  stages: { matrix: number; simulate: number; write: number };
}

function cli(args: string[]): Run {
  const load = os.loadavg()[0];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...args, '--json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`quarterhour ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const out = JSON.parse(r.stdout);
  return { seconds, load, metrics: out, stages: out.seconds };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qh-bench-capacity-'));
const rows: string[] = [];
for (const size of SIZES) {
  const dir = path.join(tmp, `city-${size}`);
  if (size === 'poa') {
    if (!fs.existsSync(POA.pbf)) throw new Error(`bench/capacity: ${POA.pbf} is missing (the real data lives in ../shared/data)`);
    const r = spawnSync(process.execPath, [BIN, 'import-osm', POA.pbf, '--population', POA.grid, '--out', dir], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`import-osm exited ${r.status}: ${r.stderr}`);
  } else cli(['generate', '--residents', size, '--seed', String(SEED), '--out', dir]);
  const residents = size === 'poa' ? 'Porto Alegre (OSM, 812,935)' : Number(size).toLocaleString('en');
  for (const trips of OUTPUTS.map((o) => o === 'default')) {
    const times: Record<number, Run[]> = { 1: [], 2: [] };
    for (let k = 0; k < RUNS; k++) {
      for (const threads of [1, 2]) times[threads].push(cli(['simulate', dir, '--threads', String(threads), '--out', path.join(tmp, `out-${size}-${threads}`), ...(trips ? [] : ['--no-trips'])]));
    }
    const one = median(times[1].map((r) => r.seconds));
    const two = median(times[2].map((r) => r.seconds));
    const c = times[2][0].metrics.capacity;
    const stages = (runs: Run[]): string => {
      const m = (f: (r: Run) => number) => median(runs.map(f)).toFixed(2);
      return `${m((r) => r.seconds - r.stages.matrix - r.stages.simulate - r.stages.write)} / ${m((r) => r.stages.matrix)} / ${m((r) => r.stages.simulate)} / ${m((r) => r.stages.write)}`;
    };
    const nonWrite = (runs: Run[]): string => median(runs.map((r) => r.seconds - r.stages.write)).toFixed(2);
    // run k of 2 threads over run k of 1 thread (run one after the other): the ratio pair by pair
    const pairs = times[2].map((r, k) => r.seconds / times[1][k].seconds);
    const loads = [...times[1], ...times[2]].map((r) => r.load);
    rows.push(
      `| ${residents} | ${trips ? 'default' : '--no-trips'} | ${one.toFixed(2)} | ${two.toFixed(2)} | ${(two / one).toFixed(2)} | ${Math.min(...pairs).toFixed(2)}–${Math.max(...pairs).toFixed(2)} (${pairs.filter((x) => x < 1).length} of ${pairs.length}) | ${stages(times[1])} | ${stages(times[2])} | ${nonWrite(times[1])} / ${nonWrite(times[2])} | ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} | ${c.iterations} (${c.stopped}) | ${c.blocksResimulated} | ${(c.maxOverloadRatio + 1).toFixed(2)} | ${((100 * c.overloadedSiteTrips) / Math.max(1, c.servedTrips)).toFixed(2)}% |`,
    );
    process.stderr.write(`${rows[rows.length - 1]}\n`);
  }
}
fs.rmSync(tmp, { recursive: true, force: true });

const load = os.loadavg().map((x) => x.toFixed(2)).join(', ');
const md = [
  `# The whole \`simulate\` command with capacities (bench/capacity.ts)`,
  '',
  `Generated cities (\`generate --residents N --seed ${SEED}\`)${SIZES.includes('poa') ? ' and the Porto Alegre extract (`import-osm poa_osm.pbf --population poa_hexgrid.csv`: 1,124 H3 cells, its street network)' : ''}, \`node bin/quarterhour.js simulate <dir> --threads 1|2\`, median of ${RUNS} runs each, 1 and 2 threads alternating. Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), load average at the end ${load}.`,
  '',
  '| residents | outputs | 1 thread (s) | 2 threads (s) | 2 / 1 | 2 / 1 pair by pair (pairs where 2 threads were faster) | 1 thread: start + load / matrix / simulate / write (s) | 2 threads: start + load / matrix / simulate / write (s) | non-write, 1 / 2 threads (s) | load average | passes (stop) | blocks simulated again | worst load / capacity | trips at overloaded sites |',
  '| ---: | --- | ---: | ---: | ---: | --- | --- | --- | --- | --- | --- | ---: | ---: | ---: |',
  ...rows,
  '',
].join('\n');
process.stdout.write(md);
const outDir = path.join(REPO, 'bench', 'results');
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, `${NAME}.md`), md);
