/** coverage.csv's text: built as bytes (src/io/csvBytes.ts), exactly what the one CSV writer writes for its rows. */
import { describe, expect, it } from 'vitest';
import { COVERAGE_COLUMNS, COVERAGE_HEADER, COVERAGE_PLAN_COLUMNS, COVERAGE_PLAN_HEADER, coverageColumns, coverageRows, coverageText } from '../../src/coverage/csv.ts';
import { staticCoverage } from '../../src/coverage/static.ts';
import { csvChunks, CsvFields, csvTextChunks, type CsvColumn } from '../../src/io/csv.ts';
import { chunksText } from '../../src/io/csvBytes.ts';
import { generateCity } from '../../src/scenario/generate.ts';
import { computeDistanceMatrix } from '../../src/travel/travelMatrix.ts';

describe('the coverage table', () => {
  it("has today's columns, and the plan's two after them when the run has a plan", () => {
    expect(coverageColumns(false).map((c) => c.name)).toEqual(COVERAGE_HEADER);
    expect(coverageColumns(true).map((c) => c.name)).toEqual([...COVERAGE_HEADER, 'nearest_min_plan', 'covered_plan']);
    expect(COVERAGE_PLAN_HEADER).toEqual(['nearest_min_plan', 'covered_plan']);
    expect(COVERAGE_PLAN_COLUMNS.filter((c) => c.kind === 'text').map((c) => c.name)).toEqual(['block', 'service', 'age_band']);
  });

  it('writes the bytes the one CSV writer writes, for ids that need quotes, a formula guard or UTF-8, with and without a plan or a state', async () => {
    const sc = await generateCity({ residents: 4000, seed: 7, name: 'quoted' });
    const matrix = await computeDistanceMatrix(sc);
    const today = staticCoverage(sc, matrix).table;
    const plan = staticCoverage(sc, matrix, { conversions: [{ candidateIndex: 0, serviceIndices: sc.services.map((_, s) => s) }] }).table;
    sc.blocks.ids[0] = '=A,"1"';
    sc.blocks.ids[1] = '街区 2';
    sc.services[0].id = '@grocery';
    const generic = (columns: CsvColumn[], rows: Iterable<(string | number)[]>) => [...csvChunks(columns, rows)].join('');
    const bytes = (columns: CsvColumn[], state?: string, p: typeof plan | null = null) => chunksText(csvTextChunks(columns, coverageText(sc, today, new CsvFields(columns), state, undefined, p)));
    const text = bytes(COVERAGE_COLUMNS);
    expect(text).toBe(generic(COVERAGE_COLUMNS, coverageRows(sc, today)));
    expect(text).toContain(`\n"'=A,""1""",`);
    expect(text).toContain('\n街区 2,');
    expect(bytes(COVERAGE_PLAN_COLUMNS, undefined, plan)).toBe(generic(COVERAGE_PLAN_COLUMNS, coverageRows(sc, today, plan)));
    const stateColumns: CsvColumn[] = [{ name: 'state', kind: 'text' }, ...COVERAGE_COLUMNS];
    expect(bytes(stateColumns, '+plan')).toBe(generic(stateColumns, [...coverageRows(sc, today)].map((r) => ['+plan', ...r])));
  });

  it('hands on its text in pieces of about a megabyte, reporting the rows done', async () => {
    const sc = await generateCity({ residents: 20000, blocks: 1200, seed: 3, name: 'pieces' });
    const today = staticCoverage(sc, await computeDistanceMatrix(sc)).table;
    const ticks: number[] = [];
    const pieces = [...coverageText(sc, today, new CsvFields(COVERAGE_COLUMNS), undefined, (done) => ticks.push(done))];
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces.slice(0, -1)) expect(p.length).toBeGreaterThanOrEqual(1 << 20);
    expect(ticks.length).toBe(pieces.length - 1);
    expect(ticks).toEqual([...ticks].sort((a, b) => a - b));
  });
});
