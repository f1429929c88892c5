/** The main job end to end on scenarios imported from real OpenStreetMap extracts (../shared/data). */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importOsmToFolder } from '../../src/osm/importScenario.ts';
import { runScenario } from '../../src/jobs/run.ts';
import { haveData, MONACO_PBF, POA_GRID, POA_PBF } from '../fixtures/network/sharedData.ts';
import { tempDir } from '../helpers/fixtures.ts';

describe('run on OSM-built scenarios', () => {
  it.skipIf(!haveData(MONACO_PBF))('imports Monaco and runs the full loop on its walking network', async () => {
    const dir = tempDir();
    await importOsmToFolder(MONACO_PBF, path.join(dir, 'monaco'), {});
    const r = await runScenario(path.join(dir, 'monaco'), { out: path.join(dir, 'out'), timeLimit: 30 });
    const s = r.summary;
    expect(s.network).toEqual({ kind: 'osm', file: 'network.bin' });
    expect(s.blocks).toBeGreaterThan(1000);
    expect(s.today.simulated.trips).toBeGreaterThan(10_000);
    expect(s.optimize!.solver.bound).toBeGreaterThanOrEqual(s.optimize!.solver.objective - 1e-6);
    expect(s.plan!.conversions).toBeGreaterThan(0);
    expect(s.withPlan!.simulated.withinShare!).toBeGreaterThan(s.today.simulated.withinShare!);
    expect(fs.existsSync(path.join(dir, 'out', 'plan.geojson'))).toBe(true);
  }, 120_000);

  it.skipIf(!haveData(POA_PBF, POA_GRID))('imports Porto Alegre with its population grid and runs today without idle spaces', async () => {
    const dir = tempDir();
    const imported = await importOsmToFolder(POA_PBF, path.join(dir, 'poa'), { populationCsv: POA_GRID });
    expect(imported.report.warnings.join('\n')).toMatch(/5 rows with blank values skipped: row 71/);
    const r = await runScenario(path.join(dir, 'poa'), { out: path.join(dir, 'out'), timeLimit: 30 });
    expect(r.summary.residents).toBe(812_935);
    expect(r.summary.candidates).toBe(0);
    expect(r.summary.plan!.conversions).toBe(0);
    expect(r.summary.warnings.join('\n')).toMatch(/farther than 300 m from any street/);
  }, 120_000);
});
