import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBatch } from '../../src/batch/spec.ts';
import { runBatch } from '../../src/jobs/batch.ts';
import { generateCity } from '../../src/scenario/generate.ts';
import { writeScenario } from '../../src/scenario/write.ts';
import { FIXTURES, REPO, tempDir } from '../helpers/fixtures.ts';

/** runs.csv without its timing column. */
function withoutTimings(file: string): string {
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
  const cols = lines[0].split(',');
  const t = cols.indexOf('seconds');
  expect(t).toBe(cols.length - 1);
  return lines.map((l) => l.slice(0, l.lastIndexOf(','))).join('\n');
}

describe('runBatch', () => {
  it('runs every combination, keeps going past a failing run, and resumes to the same runs.csv', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'batch.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        name: 'tiny-batch',
        scenario: path.join(FIXTURES, 'scenarios', 'tiny'),
        catalogues: { broken: { thresholdMin: { no_such_service: 5 } } },
        sweep: { maxConversions: [1, 2], catalogue: ['default', 'broken'], seed: [1] },
      }),
    );
    const spec = parseBatch(file);
    const out = path.join(dir, 'out');
    const first = await runBatch(spec, { outDir: out, threads: 2, resume: false, progress: false });
    expect(first.rows.length).toBe(4);
    expect(first.failed).toBe(2);
    const broken = first.rows.filter((r) => r.catalogue === 'broken');
    expect(broken.every((r) => r.status === 'failed' && /unknown service id 'no_such_service'/.test(String(r.error)))).toBe(true);
    const good = first.rows.filter((r) => r.status === 'ok');
    // the tiny fixture's cost budget (100,000) affords only the repair kiosk, whatever maxConversions allows
    expect(good.map((r) => r.plan_conversions)).toEqual([1, 1]);
    const full = withoutTimings(path.join(out, 'runs.csv'));

    // simulate an interruption: one finished run lost, one half-written temp folder left behind
    fs.rmSync(path.join(out, good[1].run_id as string), { recursive: true });
    fs.mkdirSync(path.join(out, `${good[1].run_id}.tmp-999-0`));
    const again = await runBatch(spec, { outDir: out, threads: 1, resume: true, progress: false });
    expect(again.skipped).toBe(1);
    expect(again.ran).toBe(3);
    expect(fs.readdirSync(out).some((e) => e.includes('.tmp-'))).toBe(false);
    expect(withoutTimings(path.join(out, 'runs.csv'))).toBe(full);
  });

  it('loses nothing when the process is killed halfway', async () => {
    const dir = tempDir();
    await writeScenario(path.join(dir, 'town'), await generateCity({ residents: 6000, seed: 5, name: 'town' }));
    const file = path.join(dir, 'batch.json');
    fs.writeFileSync(file, JSON.stringify({ name: 'kill', scenario: 'town', timeLimit: 10, maxCost: 3_000_000, sweep: { maxConversions: [2, 4, 6], seed: [1, 2] } }));
    const cli = (out: string, ...extra: string[]) => spawn(process.execPath, [path.join(REPO, 'bin/quarterhour.js'), 'batch', file, '--threads', '1', '--out', out, ...extra], { stdio: 'ignore' });
    const done = (p: ReturnType<typeof spawn>) => new Promise<number | null>((resolve) => p.on('exit', (code) => resolve(code)));

    const reference = path.join(dir, 'reference');
    expect(await done(cli(reference))).toBe(0);
    expect(fs.readFileSync(path.join(reference, 'runs.csv'), 'utf8')).not.toContain('failed');

    const out = path.join(dir, 'interrupted');
    const p = cli(out);
    // kill as soon as two runs are finished
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const finished = fs.existsSync(out) ? fs.readdirSync(out).filter((e) => fs.existsSync(path.join(out, e, 'run.json'))).length : 0;
        if (finished >= 2) {
          clearInterval(timer);
          p.kill('SIGKILL');
          resolve();
        }
      }, 20);
    });
    await done(p);
    const finishedBefore = fs.readdirSync(out).filter((e) => fs.existsSync(path.join(out, e, 'run.json'))).length;
    expect(finishedBefore).toBeLessThan(6);
    expect(await done(cli(out, '--resume'))).toBe(0);
    expect(withoutTimings(path.join(out, 'runs.csv'))).toBe(withoutTimings(path.join(reference, 'runs.csv')));
  }, 180_000);
});
