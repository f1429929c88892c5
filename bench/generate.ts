/**
 * Generator and main-job timings: generateCity + writeScenario for 60,000 and 1,000,000 residents
 * (median of 3), and the full `run` loop on the default scenario (one run).
 * Run: npx tsx bench/generate.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../src/io/atomic.ts';
import { runScenario } from '../src/jobs/run.ts';
import { generateCity } from '../src/scenario/generate.ts';
import { writeScenario } from '../src/scenario/write.ts';
import { machineLine, peakRssMiB } from './machine.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qh-bench-gen-'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows: string[] = [];
for (const residents of [60_000, 1_000_000]) {
  const times: number[] = [];
  let blocks = 0;
  for (let k = 0; k < 3; k++) {
    const t = performance.now();
    const sc = await generateCity({ residents, seed: 7 });
    await writeScenario(path.join(tmp, `g${residents}-${k}`), sc);
    times.push((performance.now() - t) / 1000);
    blocks = sc.blocks.count;
  }
  rows.push(`| generate + write, ${residents.toLocaleString('en-US')} residents (${blocks} blocks), median of 3 | ${median(times).toFixed(2)} s |`);
}
const t = performance.now();
const r = await runScenario('scenarios/default', { out: path.join(tmp, 'run') });
rows.push(`| \`run scenarios/default\` (simulate, optimize, simulate the plan, write), 1 thread | ${((performance.now() - t) / 1000).toFixed(2)} s (${Object.entries(r.timings).map(([k, v]) => `${k} ${v}`).join(', ')}) |`);
const text = [`Generator and main job. ${machineLine()}. Peak RSS ${peakRssMiB()} MiB.`, '', '| measure | value |', '| --- | --- |', ...rows].join('\n');
process.stdout.write(`${text}\n`);
writeFileAtomic('bench/results/generate.md', `${text}\n`);
fs.rmSync(tmp, { recursive: true, force: true });
