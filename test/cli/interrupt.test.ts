import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, tempDir } from '../helpers/fixtures.ts';

const BIN = path.join(REPO, 'bin/quarterhour.js');

describe('Ctrl-C during run', () => {
  // The writes are synchronous: the signal is handled when the write yields or ends, so either the
  // temporary folder is removed or the output is already complete; never a half-written folder.
  it('leaves no temporary folder and nothing half-written, exits 130 and says so in one line', async () => {
    const parent = tempDir();
    const scenario = path.join(parent, 'city');
    expect(spawnSync(process.execPath, [BIN, 'generate', '--residents', '100000', '--name', 'city', '--out', scenario]).status).toBe(0);
    const out = path.join(parent, 'results');
    const child = spawn(process.execPath, [BIN, 'run', scenario, '--today-only', '--trips', 'csv', '--out', out], { cwd: parent });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const watch = setInterval(() => {
      if (fs.readdirSync(parent).some((f) => f.startsWith('results.tmp-'))) {
        clearInterval(watch);
        child.kill('SIGINT');
      }
    }, 5);
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    clearInterval(watch);
    expect(code).toBe(130);
    expect(stderr.trim().split('\n').at(-1)).toMatch(/^quarterhour: interrupted by SIGINT; (removed the unfinished output results\.tmp-\d+-\d+|nothing was left half-written)$/);
    const left = fs.readdirSync(parent).sort();
    expect(left.filter((f) => f.includes('.tmp-'))).toEqual([]);
    if (left.includes('results')) {
      for (const f of ['summary.json', 'blocks.geojson.gz', 'simulate-today/trips.csv.gz']) expect(fs.existsSync(path.join(out, f))).toBe(true);
    }
  });
});
