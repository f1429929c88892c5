/** The run's coverage table and blocks layer: a worker of the job's pool writes the same bytes as this thread, prints its progress here, and passes its errors on. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { coverageFromNearest, staticCoverage } from '../../src/coverage/static.ts';
import { writeCoverageFiles, writeCoverageFilesOn } from '../../src/jobs/coverageTable.ts';
import { withJob } from '../../src/jobs/context.ts';
import { writeProgress } from '../../src/io/writeProgress.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import type { Plan } from '../../src/plan/types.ts';
import { REPO } from '../helpers/fixtures.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qh-coverage-table-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('the coverage table and the blocks layer written by a worker', () => {
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
        const both = { table: true, layer: true };
        const a = writeCoverageFiles(here, sc, today.table, after.table, both, { format });
        const b = writeCoverageFilesOn(ctx.pool(), there, sc, today.table, after.table, both, { format, progress: writeProgress((l) => lines.push(l), 2, 0) });
        const names = [await a.table, await a.layer];
        expect([await b.table, await b.layer]).toEqual(names);
        for (const name of names) expect(fs.readFileSync(path.join(there, name!)).equals(fs.readFileSync(path.join(here, name!))), `${format} ${name}`).toBe(true);
        expect(lines[0]).toBe(`writing ${names[0]} (1/2 tables)…`);
        expect(lines).toContain(`writing ${names[1]} (2/2 tables)…`);
      }
    });
  });

  it('writes the layer here when this thread takes it before the worker is done with the table, the same bytes', async () => {
    const sc = await loadScenario(path.join(REPO, 'scenarios', 'default'));
    await withJob(sc, { threads: 1 }, async (ctx) => {
      const today = coverageFromNearest(sc, await ctx.todayNearest());
      const both = { table: true, layer: true };
      const worker = path.join(tmp, 'layer-worker');
      const here = path.join(tmp, 'layer-here');
      fs.mkdirSync(worker);
      fs.mkdirSync(here);
      const a = writeCoverageFilesOn(ctx.pool(), worker, sc, today.table, null, both, {});
      await Promise.all([a.table, a.layer]);
      a.takeLayer(); // too late: the worker has written it
      const lines: string[] = [];
      const b = writeCoverageFilesOn(ctx.pool(), here, sc, today.table, null, both, { progress: writeProgress((l) => lines.push(l), 2, 0) });
      b.takeLayer(); // at once: before the worker has finished the table
      b.takeLayer(); // a second call changes nothing
      expect(await b.layer).toBe('blocks.geojson.gz');
      expect(await b.table).toBe('coverage.parquet');
      expect(lines[0]).toBe('writing blocks.geojson.gz (1/2 tables)…'); // started here, first
      for (const f of ['coverage.parquet', 'blocks.geojson.gz']) expect(fs.readFileSync(path.join(here, f)).equals(fs.readFileSync(path.join(worker, f))), f).toBe(true);
    });
  });

  it('writes only the files asked for', async () => {
    const sc = await loadScenario(path.join(REPO, 'scenarios', 'default'));
    await withJob(sc, { threads: 1 }, async (ctx) => {
      const today = coverageFromNearest(sc, await ctx.todayNearest());
      const dir = path.join(tmp, 'layer-only');
      fs.mkdirSync(dir);
      const names = writeCoverageFilesOn(ctx.pool(), dir, sc, today.table, null, { table: false, layer: true }, {});
      expect(names.table).toBeNull();
      expect(await names.layer).toBe('blocks.geojson.gz');
      expect(fs.readdirSync(dir)).toEqual(['blocks.geojson.gz']);
      expect(writeCoverageFilesOn(ctx.pool(), dir, sc, today.table, null, { table: false, layer: false }, {})).toMatchObject({ table: null, layer: null });
    });
  });

  it('rejects with the worker\'s error when the folder cannot be written', async () => {
    const sc = await loadScenario(path.join(REPO, 'scenarios', 'default'));
    await withJob(sc, { threads: 1 }, async (ctx) => {
      const today = coverageFromNearest(sc, await ctx.todayNearest());
      const names = writeCoverageFilesOn(ctx.pool(), path.join(tmp, 'no', 'such', 'folder'), sc, today.table, null, { table: true, layer: true }, {});
      await expect(names.table).rejects.toThrow(/ENOENT/);
      await expect(names.layer).rejects.toThrow(/ENOENT/);
      // the table alone, or the layer taken here: each asked-for file rejects, nothing else (vitest fails on an unhandled rejection)
      const table = writeCoverageFilesOn(ctx.pool(), path.join(tmp, 'no', 'such', 'folder'), sc, today.table, null, { table: true, layer: false }, {});
      expect(table.layer).toBeNull();
      await expect(table.table).rejects.toThrow(/ENOENT/);
      const here = writeCoverageFilesOn(ctx.pool(), path.join(tmp, 'no', 'such', 'folder'), sc, today.table, null, { table: true, layer: true }, {});
      here.takeLayer(); // its write here may fail before the worker answers: no unhandled rejection meanwhile
      const layerFails = expect(here.layer).rejects.toThrow(/ENOENT/);
      const tableFails = expect(here.table).rejects.toThrow(/ENOENT/);
      await new Promise((r) => setTimeout(r, 50));
      await layerFails;
      await tableFails;
    });
  });
});
