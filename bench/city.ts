/**
 * City scale: the whole `run` command (what a user gets by default) on generated cities of 60,000,
 * 250,000, 1,000,000 and 4,000,000 residents, on cities of 20,000+ blocks (by default 500,000 residents
 * on 21,000 blocks, about an OSM city's density, and 2,000,000 on 20,000), and on the default scenario.
 * Each run is its own child process (`node bin/quarterhour.js run <dir> --threads T --json`) under
 * /usr/bin/time, so peak memory is that command's max RSS. Per stage: the run's own timings (matrix,
 * simulateToday, optimize, simulatePlan, write); "load" is the rest of the wall time (start-up,
 * reading the scenario). A run writes each file as soon as its content is final, beside the stages
 * still computing: "write" is what was left to write once the last stage had finished (the time the
 * user waits on writing; "write share" is it over the whole run), "beside" how long files were being
 * written while stages computed (inside those stages' times). Output: bytes written to the run's folder. The growth exponent b fits
 * wall = a * residents^b over the generated cities by least squares on the logs.
 *
 *   npx tsx bench/city.ts [--sizes 60000,250000,1000000,4000000] [--blocks-city 500000x21000,2000000x20000|none]
 *                         [--seed 11] [--threads 2] [--out bench/results/city.md]
 * Generated scenarios are cached in os.tmpdir() (quarterhour-city-<residents>-<blocks>-s<seed>).
 * Needs a built dist/ (npm run build).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../src/io/atomic.ts';
import { machineLine } from './machine.ts';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'bin', 'quarterhour.js');
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '60000,250000,1000000,4000000' },
    'blocks-city': { type: 'string', default: '500000x21000,2000000x20000' },
    seed: { type: 'string', default: '11' },
    threads: { type: 'string', default: '2' },
    out: { type: 'string', default: 'bench/results/city.md' },
  },
});
const seed = Number(values.seed);
const threads = Number(values.threads);

interface Case {
  label: string;
  dir: string;
  residents: number;
  generated: boolean;
}

function generated(residents: number, blocks?: number): Case {
  const dir = path.join(os.tmpdir(), `quarterhour-city-${residents}-${blocks ?? 'auto'}-s${seed}`);
  if (!fs.existsSync(path.join(dir, 'scenario.json'))) {
    const args = [CLI, 'generate', '--residents', String(residents), '--seed', String(seed), '--out', dir, ...(blocks ? ['--blocks', String(blocks)] : [])];
    const g = spawnSync(process.execPath, args, { encoding: 'utf8' });
    if (g.status !== 0) throw new Error(`generate failed: ${g.stderr.trim().split('\n').pop()}`);
  }
  return { label: `generated, ${residents.toLocaleString('en-US')} residents${blocks ? `, ${blocks.toLocaleString('en-US')} blocks` : ''} (seed ${seed})`, dir, residents, generated: !blocks };
}

function folderBytes(dir: string): number {
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    n += e.isDirectory() ? folderBytes(p) : fs.statSync(p).size;
  }
  return n;
}

interface Row {
  c: Case;
  blocks: number;
  wall: number;
  stages: Record<string, number>;
  /** Seconds files were being written beside the computing stages (run --json writeBeside). */
  beside: number;
  peakMiB: number;
  outBytes: number;
  status: string;
  gap: number | null;
  error?: string;
}

function runCase(c: Case): Row {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'qh-city-run-'));
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', 'MAXRSS %M', process.execPath, CLI, 'run', c.dir, '--threads', String(threads), '--out', out, '--json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = (performance.now() - t0) / 1000;
  const rss = /MAXRSS (\d+)/.exec(r.stderr)?.[1];
  const peakMiB = rss ? Math.round(Number(rss) / 1024) : NaN;
  if (r.status !== 0) {
    fs.rmSync(out, { recursive: true, force: true });
    return { c, blocks: 0, wall, stages: {}, beside: 0, peakMiB, outBytes: 0, status: 'failed', gap: null, error: r.stderr.trim().split('\n').filter((l) => !/^MAXRSS|^Command exited/.test(l)).slice(-2).join(' ') };
  }
  const j = JSON.parse(r.stdout) as { blocks: number; timings: Record<string, number>; writeBeside?: number; optimize?: { solver: { status: string; gap: number | null } } };
  const outBytes = folderBytes(out);
  fs.rmSync(out, { recursive: true, force: true });
  return { c, blocks: j.blocks, wall, stages: j.timings, beside: j.writeBeside ?? 0, peakMiB, outBytes, status: j.optimize?.solver.status ?? 'n/a', gap: j.optimize?.solver.gap ?? null };
}

const STAGES = ['matrix', 'simulateToday', 'optimize', 'simulatePlan', 'write'];
const f1 = (x: number | undefined) => (x === undefined ? '–' : x.toFixed(1));

const cases: Case[] = [{ label: 'scenarios/default (60,000 residents)', dir: path.join(ROOT, 'scenarios', 'default'), residents: 60_000, generated: false }];
for (const s of values.sizes.split(',').filter(Boolean)) cases.push(generated(Number(s)));
if (values['blocks-city'] !== 'none') {
  for (const spec of values['blocks-city'].split(',').filter(Boolean)) {
    const [res, blocks] = spec.split('x').map(Number);
    try {
      cases.push(generated(res, blocks));
    } catch (e) {
      process.stderr.write(`skipping the ${blocks}-block city: ${(e as Error).message}\n`);
    }
  }
}

const rows: Row[] = [];
for (const c of cases) {
  process.stderr.write(`run ${c.label} ...\n`);
  const row = runCase(c);
  rows.push(row);
  process.stderr.write(`  ${row.wall.toFixed(1)} s, ${row.peakMiB} MiB, ${(row.outBytes / 1e6).toFixed(1)} MB${row.error ? `, failed: ${row.error}` : ''}\n`);
}

// wall = a * residents^b on the generated cities (least squares on the logs)
const fit = rows.filter((r) => r.c.generated && !r.error);
let exponent = NaN;
if (fit.length >= 2) {
  const xs = fit.map((r) => Math.log(r.c.residents));
  const ys = fit.map((r) => Math.log(r.wall));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  exponent = sxy / sxx;
}
const base = rows[0];
const header = `| scenario | blocks | whole run (s) | ${STAGES.join(' | ')} | beside (s) | load (s) | write share | peak RSS (MiB) | output (MB) | optimizer | × default run |`;
const lines = rows.map((r) => {
  if (r.error) return `| ${r.c.label} | – | failed: ${r.error.replace(/\|/g, '/')} |${' |'.repeat(STAGES.length + 8)}`;
  const staged = STAGES.reduce((a, k) => a + (r.stages[k] ?? 0), 0);
  const opt = r.status === 'n/a' ? '–' : `${r.status}${r.gap ? `, gap ${(r.gap * 100).toFixed(2)}%` : ''}`;
  return `| ${r.c.label} | ${r.blocks.toLocaleString('en-US')} | ${r.wall.toFixed(1)} | ${STAGES.map((k) => f1(r.stages[k])).join(' | ')} | ${f1(r.beside)} | ${(r.wall - staged).toFixed(1)} | ${(((r.stages.write ?? 0) / r.wall) * 100).toFixed(1)}% | ${r.peakMiB} | ${(r.outBytes / 1e6).toFixed(1)} | ${opt} | ${(r.wall / base.wall).toFixed(1)} |`;
});
const text = [
  `City scale: the whole \`run --threads ${threads}\` command per scenario. ${machineLine()}; load average ${os.loadavg()[0].toFixed(1)} at the end.`,
  '',
  header,
  `| --- | ---: | ---: | ${STAGES.map(() => '---:').join(' | ')} | ---: | ---: | ---: | ---: | ---: | --- | ---: |`,
  ...lines,
  '',
  Number.isFinite(exponent) ? `Growth: whole-run time ∝ residents^${exponent.toFixed(2)} over the generated cities (${fit.map((r) => r.c.residents.toLocaleString('en-US')).join(', ')}).` : 'Growth: not enough generated cities ran to fit an exponent.',
].join('\n');
process.stdout.write(`${text}\n`);
writeFileAtomic(values.out, `${text}\n`);
