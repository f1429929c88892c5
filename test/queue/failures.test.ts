import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateCity } from '../../src/scenario/generate.ts';
import { writeScenario } from '../../src/scenario/write.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { finishedRuns, killLeftovers, quarterhour, stopAll, until, worker } from './processes.ts';
import { HAS_REDIS, NO_REDIS_MESSAGE, startRedis, type TestRedis } from './redisServer.ts';

if (!HAS_REDIS) console.warn(NO_REDIS_MESSAGE);

/** runs.csv rows: each run id once, every run ok. */
function rowsOf(out: string): string[] {
  return fs.readFileSync(path.join(out, 'runs.csv'), 'utf8').trim().split('\n').slice(1);
}

describe.skipIf(!HAS_REDIS)('the queue under failures', () => {
  let redis: TestRedis;
  let dir: string;
  const RUNS = ['town_b2', 'town_b4', 'town_b6'];
  beforeAll(async () => {
    redis = await startRedis();
    dir = tempDir();
    // runs of a second or two: long enough to kill a worker in the middle of one
    await writeScenario(path.join(dir, 'town'), await generateCity({ residents: 4000, seed: 5, name: 'town' }));
  }, 30_000);
  afterEach(() => killLeftovers());

  /** The batch of one test: its own name, so that no two tests share jobs. */
  function batchFile(name: string): string {
    const file = path.join(dir, `${name}.json`);
    fs.writeFileSync(file, JSON.stringify({ name, scenario: 'town', timeLimit: 10, maxCost: 3_000_000, sweep: { maxConversions: [2, 4, 6] } }));
    return file;
  }
  afterAll(async () => {
    killLeftovers();
    await redis?.stop();
  });

  it('hands the job of a worker killed mid-run to another worker, losing and doubling nothing', async () => {
    const out = path.join(dir, 'worker-killed');
    const a = worker(redis.url);
    const coord = quarterhour(['batch', batchFile('f-kill'), '--queue', redis.url, '--out', out]);
    // a run in progress leaves its temporary folder in the shared --out folder
    await until(() => fs.existsSync(out) && fs.readdirSync(out).some((e) => /\.tmp-\d+-\d+$/.test(e)), 180_000, 'a run to start');
    a.p.kill('SIGKILL');
    await a.exit;
    const b = worker(redis.url);
    expect(await coord.exit).toBe(0);
    await stopAll(b);
    const rows = rowsOf(out);
    expect(rows.map((r) => r.split(',')[0])).toEqual(RUNS);
    expect(rows.every((r) => r.includes(',ok,'))).toBe(true);
    expect(finishedRuns(out).sort()).toEqual(RUNS);
    expect(fs.readdirSync(out).filter((e) => e.includes('.tmp-'))).toEqual([]);
  }, 240_000);

  it('loses no finished result when Redis is restarted mid-batch (append-only file, fsync always)', async () => {
    const out = path.join(dir, 'redis-restarted');
    const w = worker(redis.url);
    const coord = quarterhour(['batch', batchFile('f-restart'), '--queue', redis.url, '--out', out, '--store', 'redis']);
    await until(() => / done in /.test(w.stderr()), 180_000, 'a first run to finish');
    await redis.restart(1000);
    expect(await coord.exit).toBe(0);
    await stopAll(w);
    expect(coord.stderr()).toMatch(/waiting for it/);
    const rows = rowsOf(out);
    expect(rows.map((r) => r.split(',')[0])).toEqual(RUNS);
    expect(rows.every((r) => r.includes(',ok,'))).toBe(true);
    expect(finishedRuns(out).sort()).toEqual(RUNS);
  }, 240_000);
});
