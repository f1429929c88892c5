import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvColumns, csvString } from '../../src/io/csv.ts';
import { generateCity } from '../../src/scenario/generate.ts';
import { BLOCK_METRICS_HEADER, writeSimulationOutputs } from '../../src/simulate/output.ts';
import { blockMetrics } from '../../src/simulate/metrics.ts';
import { simulate } from '../../src/simulate/simulate.ts';
import { computeDistanceMatrix } from '../../src/travel/travelMatrix.ts';
import { tempDir } from '../helpers/fixtures.ts';

describe('block_metrics.csv', () => {
  it('writes each block as the one CSV writer writes its cells (counts as String, shares and minutes as toFixed)', async () => {
    const sc = await generateCity({ residents: 6000, seed: 3, name: 'bm' });
    sc.blocks.names[0] = '=HYPERLINK("x")';
    sc.blocks.tags[1] = '-estate, "north"';
    const result = await simulate(sc, await computeDistanceMatrix(sc), { seed: 3 });
    const dir = path.join(tempDir(), 'out');
    await writeSimulationOutputs(result, sc, dir, 'none', { format: 'csv' });
    const m = blockMetrics({ nBlocks: sc.blocks.count, demand: result.demand, within: result.within, unserved: result.unserved, minutesSum: result.minutesSum, residentsByBlockBand: result.residentsByBlockBand, f15ByBlockBand: result.f15ByBlockBand }, sc.services.length);
    const share = (a: number, b: number) => (b > 0 ? (a / b).toFixed(6) : '');
    const rows = sc.blocks.ids.map((id, i) => [result.seed, id, sc.blocks.names[i], sc.blocks.tags[i], m.population[i], m.trips[i], share(m.within[i], m.trips[i]), m.unserved[i], share(m.f15[i], m.population[i]), m.served[i] > 0 ? (m.minutesSum[i] / m.served[i]).toFixed(3) : '']);
    expect(m.trips.some((t, i) => t > 0 && m.within[i] > 0 && m.within[i] < t)).toBe(true);
    const columns = csvColumns(BLOCK_METRICS_HEADER, ['block', 'name', 'tag']);
    expect(fs.readFileSync(path.join(dir, 'block_metrics.csv'), 'utf8')).toBe(csvString(columns, rows).slice(0, -1));
  });
});
