import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBatch } from '../../src/batch/spec.ts';
import { runBatch } from '../../src/jobs/batch.ts';
import { FIXTURES, REPO, tempDir } from '../helpers/fixtures.ts';

const TINY = path.join(FIXTURES, 'scenarios', 'tiny');
const CLI = path.join(REPO, 'bin/quarterhour.js');

function batchFile(doc: unknown): string {
  const f = path.join(tempDir(), 'batch.json');
  fs.writeFileSync(f, JSON.stringify(doc));
  return f;
}

function cli(args: string[]): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    p.stderr.on('data', (d) => (stderr += d));
    p.stdout.on('data', (d) => (stdout += d));
    p.on('exit', (code) => resolve({ code, stderr, stdout }));
  });
}

describe('runs.csv budget columns', () => {
  it("writes the scenario's own caps when the batch does not set them", async () => {
    const file = batchFile({ name: 'caps', scenario: TINY, sweep: { seed: [1] } });
    const out = path.join(tempDir(), 'out');
    const r = await runBatch(parseBatch(file), { outDir: out, threads: 1, resume: false, progress: false });
    // the tiny fixture caps the cost at 100,000 and the conversions at 2
    expect(r.rows[0]).toMatchObject({ status: 'ok', max_cost: 100000, max_conversions: 2 });
    const csv = fs.readFileSync(path.join(out, 'runs.csv'), 'utf8').split('\n');
    const cols = csv[0].split(',');
    expect(csv[1].split(',')[cols.indexOf('max_cost')]).toBe('100000');
  }, 60_000);
});

describe('batch input checks', () => {
  it('names a missing scenario before any run starts, exits 2 and writes nothing', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'batch.json');
    fs.writeFileSync(file, JSON.stringify({ name: 'typo', scenarios: [TINY, path.join(dir, 'tinny')], sweep: { seed: [1, 2] } }));
    const out = path.join(dir, 'out');
    const r = await cli(['batch', file, '--threads', '1', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/batch\.json.*scenario.*tinny.*(not found|does not exist)/);
    expect(fs.existsSync(out)).toBe(false);
  }, 30_000);

  it('names an unknown service of a catalogue variant before any run starts', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'batch.json');
    fs.writeFileSync(file, JSON.stringify({ name: 'cat', scenario: TINY, catalogues: { broken: { thresholdMin: { no_such_service: 5 } } }, sweep: { catalogue: ['default', 'broken'] } }));
    const r = await cli(['batch', file, '--threads', '1', '--out', path.join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/catalogues\.broken\.thresholdMin\.no_such_service.*unknown service id/);
  }, 30_000);
});

describe('an interrupted batch', () => {
  it('prints the --resume command on SIGINT and exits 130', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'batch.json');
    fs.writeFileSync(file, JSON.stringify({ name: 'ctrl-c', scenario: TINY, sweep: { seed: [1, 2, 3, 4, 5, 6, 7, 8] } }));
    const out = path.join(dir, 'out');
    const p = spawn(process.execPath, [CLI, 'batch', file, '--threads', '1', '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    p.stderr.on('data', (d) => (stderr += d));
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (/batch ctrl-c: 8 runs/.test(stderr)) (clearInterval(timer), resolve());
      }, 20);
    });
    p.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => p.on('exit', (c) => resolve(c)));
    expect(code).toBe(130);
    expect(stderr).toMatch(/interrupted/);
    expect(stderr).toContain(`quarterhour batch ${file} --resume --out ${out}`);
  }, 30_000);
});
