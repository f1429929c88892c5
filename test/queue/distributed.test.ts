import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBatch } from '../../src/batch/spec.ts';
import { runBatch } from '../../src/jobs/batch.ts';
import { copyScenario, editFile, FIXTURES, tempDir } from '../helpers/fixtures.ts';
import { filesOf, finishedRuns, killLeftovers, quarterhour, stopAll, until, withoutTimings, worker } from './processes.ts';
import { HAS_REDIS, NO_REDIS_MESSAGE, startRedis, type TestRedis } from './redisServer.ts';

if (!HAS_REDIS) console.warn(NO_REDIS_MESSAGE);

describe.skipIf(!HAS_REDIS)('a batch on the Redis queue', () => {
  let redis: TestRedis;
  let dir: string;
  let file: string;
  let local: string;
  beforeAll(async () => {
    redis = await startRedis();
    dir = tempDir();
    // a scenario that loads but cannot be optimized: 99 new groceries on 2 idle spaces
    const broken = copyScenario('tiny');
    editFile(broken, 'scenario.json', '"minCount": { "repair": 0 }', '"minCount": { "repair": 0, "grocery": 99 }');
    fs.renameSync(broken, path.join(dir, 'broken'));
    file = path.join(dir, 'batch.json');
    fs.writeFileSync(file, JSON.stringify({ name: 'q', scenarios: [path.join(FIXTURES, 'scenarios', 'tiny'), 'broken'], sweep: { maxConversions: [1, 2], seed: [1, 2] } }));
    local = path.join(dir, 'local');
    await runBatch(parseBatch(file), { outDir: local, threads: 2, resume: false, progress: false });
  }, 180_000);
  afterAll(async () => {
    killLeftovers();
    await redis?.stop();
  });

  it('gives the local runs.csv and byte-identical run folders over 2 worker processes, failed runs after their attempts', async () => {
    const out = path.join(dir, 'queued');
    const workers = [worker(redis.url), worker(redis.url)];
    const coord = quarterhour(['batch', file, '--queue', redis.url, '--out', out, '--store', 'redis', '--attempts', '2']);
    expect(await coord.exit).toBe(1); // the broken runs failed
    await stopAll(...workers);
    expect(withoutTimings(path.join(out, 'runs.csv'))).toBe(withoutTimings(path.join(local, 'runs.csv')));
    const csv = fs.readFileSync(path.join(out, 'runs.csv'), 'utf8');
    expect(csv.match(/,failed,/g)?.length).toBe(4);
    expect(csv).toMatch(/asks for 99 new grocery/);
    // each failing run was tried twice, by whichever worker
    const logs = workers.map((w) => w.stderr()).join('');
    for (const s of [1, 2]) for (const b of [1, 2]) expect(logs).toContain(`broken_b${b}_s${s} failed (attempt 2 of 2)`);
    expect(logs).toMatch(/archive \d+ KiB in Redis/);
    for (const run of finishedRuns(local)) expect(filesOf(path.join(out, run))).toEqual(filesOf(path.join(local, run)));
    expect(finishedRuns(out).sort()).toEqual(finishedRuns(local).sort());
  }, 180_000);

  it('resumes a finished batch without running its finished runs again', async () => {
    const out = path.join(dir, 'queued');
    const w = worker(redis.url);
    const coord = quarterhour(['batch', file, '--queue', redis.url, '--out', out, '--resume']);
    expect(await coord.exit).toBe(1);
    await stopAll(w);
    expect(coord.stderr()).toMatch(/resume: 4 finished runs kept/);
    // as locally, --resume redoes the failed runs, and only them
    expect(w.stderr()).not.toMatch(/tiny_\S+ done/);
    expect(w.stderr()).toMatch(/broken_b1_s1 failed \(attempt 2 of 2\)/);
    expect(withoutTimings(path.join(out, 'runs.csv'))).toBe(withoutTimings(path.join(local, 'runs.csv')));
  }, 180_000);

  it('collects what the workers finished while the coordinator was dead, with --resume', async () => {
    const out = path.join(dir, 'coordinator-killed');
    const ok = path.join(dir, 'ok.json');
    fs.writeFileSync(ok, JSON.stringify({ name: 'q-coord', scenario: path.join(FIXTURES, 'scenarios', 'tiny'), sweep: { maxConversions: [1, 2], seed: [1, 2, 3] } }));
    const coord = quarterhour(['batch', ok, '--queue', redis.url, '--out', out, '--store', 'redis']);
    await until(() => /jobs enqueued/.test(coord.stderr()), 90_000, 'the jobs to be enqueued');
    coord.p.kill('SIGKILL');
    await coord.exit;
    const w = worker(redis.url);
    await until(() => (w.stderr().match(/q-coord \S+ done in /g)?.length ?? 0) >= 6, 120_000, 'the worker to finish every run');
    expect(finishedRuns(out).length).toBe(0); // the archives wait in Redis
    const resumed = quarterhour(['batch', ok, '--queue', redis.url, '--out', out, '--resume']);
    expect(await resumed.exit).toBe(0);
    await stopAll(w);
    const rows = fs.readFileSync(path.join(out, 'runs.csv'), 'utf8').trim().split('\n').slice(1);
    expect(rows.length).toBe(6);
    expect(rows.every((r) => r.includes(',ok,'))).toBe(true);
    expect(finishedRuns(out).length).toBe(6);
  }, 180_000);
  it('prints the --resume command with the queue on SIGINT, and exits 130', async () => {
    const out = path.join(dir, 'interrupted');
    const one = path.join(dir, 'one.json');
    fs.writeFileSync(one, JSON.stringify({ name: 'q-int', scenario: path.join(FIXTURES, 'scenarios', 'tiny'), sweep: { seed: [1, 2] } }));
    const coord = quarterhour(['batch', one, '--queue', redis.url, '--out', out]);
    await until(() => /jobs enqueued|already there/.test(coord.stderr()), 90_000, 'the jobs to be enqueued');
    coord.p.kill('SIGINT');
    expect(await coord.exit).toBe(130);
    expect(coord.stderr()).toMatch(/batch interrupted \(SIGINT\): 0 of 2 runs finished.*workers go on/);
    expect(coord.stderr()).toContain(`quarterhour batch ${one} --resume --out ${out} --queue ${redis.url}`);
  }, 120_000);

});
