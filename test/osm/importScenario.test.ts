import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '../../src/core/errors.ts';
import { readNetworkFile } from '../../src/network/binary.ts';
import { blocksFromPopulationGrid } from '../../src/osm/populationGrid.ts';
import { importOsm, importOsmToFolder } from '../../src/osm/importScenario.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { computeTravelMatrix } from '../../src/travel/travelMatrix.ts';
import { asciiCity, RIVER_CITY, tempFile } from '../fixtures/network/asciiCity.ts';
import { haveData, MONACO_PBF, POA_GRID, POA_PBF } from '../fixtures/network/sharedData.ts';

const POA_CANDIDATES = new URL('../fixtures/network/poa-candidates.csv', import.meta.url).pathname;
const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'qh-import-'));
const AGES = [0.05, 0.11, 0.22, 0.35, 0.17, 0.1];

describe('population grids', () => {
  it('reports rows with blank values by row and skips them', async () => {
    const file = tempFile('grid.csv', 'id,lon,lat,population,jobs\na,7.42,43.73,100,5\nb,7.43,43.73,50,\nc,7.44,43.73,0,1\nd,7.45,43.73,20,2\n');
    const { blocks, report } = await blocksFromPopulationGrid(file, AGES);
    expect(blocks.ids).toEqual(['a', 'd']);
    expect(report.blankRows).toEqual([{ row: 3, columns: ['jobs'] }]);
    expect(report.emptyCells).toBe(1);
    expect(report.residents).toBe(120);
  });

  it('rejects a grid without its required columns, naming them', async () => {
    const file = tempFile('grid.csv', 'id,x,y,population\na,1,2,3\n');
    await expect(blocksFromPopulationGrid(file, AGES)).rejects.toThrow(/grid\.csv row 1: missing columns 'lon', 'lat'/);
  });

  it('rejects a non-numeric population, naming the row and field', async () => {
    const file = tempFile('grid.csv', 'id,lon,lat,population\na,7.42,43.73,many\n');
    await expect(blocksFromPopulationGrid(file, AGES)).rejects.toThrow(/grid\.csv row 2 field 'population': is 'many', expected a number >= 0/);
  });

  it('names a missing grid file', async () => {
    await expect(blocksFromPopulationGrid('nowhere/grid.csv', AGES)).rejects.toThrow(/nowhere\/grid\.csv: file not found/);
  });
});

describe('importing an extract without housing', () => {
  it('asks for a population grid when there are no residential buildings', async () => {
    const file = tempFile('city.osm', asciiCity(RIVER_CITY).xml);
    const err = await importOsm(file, 'network.bin').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/city\.osm: has no residential buildings .* --population/);
  });

  it('refuses an extract without walkable streets', async () => {
    const file = tempFile('empty.osm', '<osm><node id="1" lat="1" lon="1"/></osm>');
    await expect(importOsm(file, 'network.bin')).rejects.toThrow(/has no walkable streets/);
  });
});

describe.skipIf(!haveData(MONACO_PBF))(`importing Monaco end to end (${MONACO_PBF})`, () => {
  it('writes a scenario that loads and yields network distances', async () => {
    const dir = path.join(tempDir(), 'monaco');
    const { report } = await importOsmToFolder(MONACO_PBF, dir);
    expect(fs.readdirSync(dir).sort()).toEqual(expect.arrayContaining(['scenario.json', 'network.bin', 'blocks.csv', 'facilities.csv', 'candidates.csv', 'services.csv']));
    expect(report.network.nodes).toBeGreaterThan(2000);
    expect(report.blocks).toBeGreaterThan(800);
    expect(report.residents).toBeGreaterThan(20000);
    expect(report.facilitiesByService.pharmacy).toBeGreaterThanOrEqual(10);
    expect(report.facilitiesByService.grocery).toBeGreaterThanOrEqual(5);
    expect(report.candidatesByKind['construction-site']).toBeUndefined();
    expect(report.candidatesSkipped['construction site']).toBeGreaterThanOrEqual(5);
    expect(report.candidatesByKind['parking-corner']).toBeGreaterThanOrEqual(5);
    expect(report.candidatesByKind['vacant-shop']).toBe(2);

    const sc = await loadScenario(dir);
    expect(sc.network.kind).toBe('osm');
    expect(sc.blocks.count).toBe(report.blocks);
    const net = readNetworkFile(path.join(dir, 'network.bin'));
    expect(net.edgeCount).toBe(report.network.edges);
    const { matrix, warnings } = await computeTravelMatrix(sc, 1200);
    expect(matrix.rows).toBe(sc.blocks.count);
    expect(matrix.cols).toBe(sc.facilities.count + sc.candidates.count);
    expect(matrix.index.length).toBeGreaterThan(sc.blocks.count);
    expect(warnings).toEqual([]);
    for (const d of matrix.metres) expect(d).toBeLessThanOrEqual(1200);

    // A block moved 3 km out to sea is named in the warnings and reaches nothing.
    sc.blocks.lat[0] -= 0.03;
    const moved = await computeTravelMatrix(sc, 1200);
    expect(moved.warnings).toEqual([`1 of ${sc.blocks.count} blocks are farther than 300 m from any street and stay unreachable: ${sc.blocks.ids[0]}`]);
    expect(moved.matrix.offsets[1]).toBe(0);
  });
});

describe.skipIf(!haveData(POA_PBF, POA_GRID))(`importing Porto Alegre with its population grid (${POA_PBF}, ${POA_GRID})`, () => {
  it('reports the five blank grid rows, keeps every resident and computes the matrix', async () => {
    const dir = path.join(tempDir(), 'poa');
    const { report } = await importOsmToFolder(POA_PBF, dir, { populationCsv: POA_GRID, candidatesCsv: POA_CANDIDATES });
    expect(report.grid!.blankRows.map((b) => b.row)).toEqual([71, 226, 412, 431, 780]);
    expect(report.warnings[0]).toMatch(/5 rows with blank values skipped: row 71 \(jobs, healthcare\)/);
    expect(report.residents).toBe(812935);
    expect(report.candidatesFromCsv).toBe(6);
    expect(report.network.lengthM / 1000).toBeGreaterThan(1500);
    const sc = await loadScenario(dir);
    const { matrix } = await computeTravelMatrix(sc, 1350);
    expect(matrix.rows).toBe(report.blocks);
    expect(matrix.index.length).toBeGreaterThan(0);
  });
});
