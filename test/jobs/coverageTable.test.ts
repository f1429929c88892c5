/** The run's coverage table: a worker of the job's pool writes the same bytes as this thread, prints its progress here, and passes its errors on. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { coverageFromNearest, staticCoverage } from '../../src/coverage/static.ts';
import { writeCoverageTable, writeCoverageTableOn } from '../../src/jobs/coverageTable.ts';
import { withJob } from '../../src/jobs/context.ts';
import { writeProgress } from '../../src/io/writeProgress.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import type { Plan } from '../../src/plan/types.ts';
import { REPO } from '../helpers/fixtures.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qh-coverage-table-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('the coverage table written by a worker', () => {
  it('has the same bytes as written in this thread, in every format, and its progress lines are printed here', async () => {
    const sc = await loadScenario(path.join(REPO, 'scenarios', 'default'));
    await withJob(sc, { threads: 1 }, async (ctx) => {
      const { matrix } = await ctx.travelMatrix();
      const today = coverageFromNearest(sc, await ctx.todayNearest());
      // a plan: the first idle space opens its first allowed service
      const plan: Plan = { conversions: [{ candidateIndex: 0, serviceIndices: [sc.candidates.allowedIndex[sc.candidates.allowedOffsets[0]]] }] };
      const after = staticCoverage(sc, matrix, plan);
      for (const format of ['csv.gz', 'csv', 'parquet'] as const) {
        const here = path.join(tmp, `here-${format}`);
        const there = path.join(tmp, `worker-${format}`);
        fs.mkdirSync(here);
        fs.mkdirSync(there);
        const lines: string[] = [];
        const a = await writeCoverageTable(here, sc, today.table, after.table, { format });
        const b = await writeCoverageTableOn(ctx.pool(), there, sc, today.table, after.table, { format, progress: writeProgress((l) => lines.push(l), 1, 0) });
        expect(b).toBe(a);
        expect(fs.readFileSync(path.join(there, b)).equals(fs.readFileSync(path.join(here, a))), format).toBe(true);
        expect(lines[0]).toBe(`writing ${a} (1/1 tables)…`);
      }
    });
  });

  it('rejects with the worker\'s error when the folder cannot be written', async () => {
    const sc = await loadScenario(path.join(REPO, 'scenarios', 'default'));
    await withJob(sc, { threads: 1 }, async (ctx) => {
      const today = coverageFromNearest(sc, await ctx.todayNearest());
      await expect(writeCoverageTableOn(ctx.pool(), path.join(tmp, 'no', 'such', 'folder'), sc, today.table, null, {})).rejects.toThrow(/ENOENT/);
    });
  });
});
