/**
 * Parquet encoding of the big tables: quarterhour's typed column encoder (src/io/parquetChunk.ts,
 * what writeParquetFile uses) against hyparquet-writer encoding the same values itself (its
 * ParquetWriter, the ids given as strings and the empty cells as nulls, as the tables were written
 * before), and against the same table as gzip CSV (writeTable --format csv.gz), one after the other
 * in one process, repeated; medians. The two Parquet files must be byte-identical (checked here).
 *
 * The tables are a simulated day's trips and the coverage table (today's columns) of generated cities
 * (by default the 1,000,000-resident city, and 400,000 residents on 25,000 blocks at seed 23, a city
 * not tuned on), in memory: the command's other stages are not timed. Prints a markdown table and
 * writes it to bench/results/parquet.md.
 *
 * Run: npx tsx bench/parquet.ts [--cities 1000000s11,400000x25000s23] [--runs 5]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { coverageParquet, coverageColumns, coverageRowCount, coverageText } from '../src/coverage/csv.ts';
import { staticCoverage } from '../src/coverage/static.ts';
import { writeParquetFile, type ParquetSource } from '../src/io/parquet.ts';
import { writeTable } from '../src/io/tableWriter.ts';
import { generateCity } from '../src/scenario/generate.ts';
import { simulate } from '../src/simulate/simulate.ts';
import { tripKeys, tripsParquet, writeTripsTable } from '../src/simulate/output.ts';
import { computeTravelMatrix } from '../src/travel/travelMatrix.ts';
import { reachM } from '../src/travel/reach.ts';
import { hyparquetWriterFile } from '../test/helpers/parquetWriter.ts';
import { machineLine } from './machine.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
/** residents[xBLOCKS]sSEED, e.g. 400000x25000s23. */
const CITIES = arg('cities', '1000000s11,400000x25000s23')
  .split(',')
  .map((c) => {
    const m = /^(\d+)(?:x(\d+))?s(\d+)$/.exec(c);
    if (!m) throw new Error(`--cities: '${c}' is not residents[xblocks]sSEED`);
    return { residents: Number(m[1]), blocks: m[2] ? Number(m[2]) : 0, seed: Number(m[3]) };
  });
const RUNS = Number(arg('runs', '5'));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qh-bench-parquet-'));

/** hyparquet-writer's file for the table, written to `file`. */
async function writerFile(file: string, source: ParquetSource): Promise<void> {
  await fs.promises.writeFile(file, hyparquetWriterFile(source));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function timed(f: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await f();
  return (performance.now() - t) / 1000;
}

const lines: string[] = [];
for (const city of CITIES) {
  const label = `${city.residents.toLocaleString('en-US')} residents${city.blocks ? ` on ${city.blocks.toLocaleString('en-US')} blocks` : ''} (seed ${city.seed})`;
  const sc = await generateCity({ residents: city.residents, seed: city.seed, ...(city.blocks ? { blocks: city.blocks } : {}) });
  const { matrix } = await computeTravelMatrix(sc, reachM(sc), {});
  const day = await simulate(sc, matrix, { seed: city.seed, keepResidents: false });
  const cov = staticCoverage(sc, matrix);
  const tables = [
    { name: `trips (${day.trips.count.toLocaleString('en-US')} rows)`, rows: day.trips.count, source: tripsParquet(day.trips, tripKeys(sc, day.sites.ids, day.seed)), csv: (dir: string) => writeTripsTable(dir, day.trips, tripKeys(sc, day.sites.ids, day.seed), { format: 'csv.gz' }) },
    { name: `coverage (${coverageRowCount(sc).toLocaleString('en-US')} rows)`, rows: coverageRowCount(sc), source: coverageParquet(sc, cov.table), csv: (dir: string) => writeTable(dir, { base: 'coverage', columns: coverageColumns(false), text: (f, tick) => coverageText(sc, cov.table, f, undefined, tick), count: coverageRowCount(sc), big: true }, { format: 'csv.gz' }) },
  ];

  for (const t of tables) {
    const ours: number[] = [];
    const theirs: number[] = [];
    const csv: number[] = [];
    const a = path.join(tmp, 'ours.parquet');
    const b = path.join(tmp, 'writer.parquet');
    const c = path.join(tmp, 'csv');
    for (let r = 0; r < RUNS; r++) {
      ours.push(await timed(() => writeParquetFile(a, t.source)));
      theirs.push(await timed(() => writerFile(b, t.source)));
      fs.rmSync(c, { recursive: true, force: true });
      fs.mkdirSync(c);
      csv.push(await timed(() => t.csv(c)));
    }
    if (!fs.readFileSync(a).equals(fs.readFileSync(b))) throw new Error(`${t.name}: the two Parquet files differ`);
    const csvBytes = fs.readdirSync(c).reduce((n, f) => n + fs.statSync(path.join(c, f)).size, 0);
    const [mo, mt, mc] = [median(ours), median(theirs), median(csv)];
    lines.push(`| ${label} | ${t.name} | ${mo.toFixed(3)} | ${mt.toFixed(3)} | ${(mt / mo).toFixed(2)} | ${mc.toFixed(3)} | ${(mc / mo).toFixed(2)} | ${(fs.statSync(a).size / 1e6).toFixed(2)} | ${(csvBytes / 1e6).toFixed(2)} | yes |`);
    process.stderr.write(`${lines[lines.length - 1]}\n`);
  }
}
fs.rmSync(tmp, { recursive: true, force: true });

const md = `# Parquet encoding of the big tables (bench/parquet.ts)

Generated cities (\`generate --residents N [--blocks B] --seed S\`), each its simulated day's trips and today's coverage table, written to a file in this thread by: quarterhour's typed encoder (\`writeParquetFile\`), hyparquet-writer's ParquetWriter on the same values (ids as strings, empty cells as nulls), and the gzip CSV writer (\`--format csv.gz\`, compressing on libuv's threads). Seconds, median of ${RUNS} runs, the three in turn; the two Parquet files are checked byte-identical.
Machine: ${machineLine()}; load average at the end ${os.loadavg().map((x) => x.toFixed(1)).join(', ')}.

| city | table | typed encoder (s) | hyparquet-writer (s) | hyparquet-writer / typed | gzip CSV (s) | gzip CSV / typed | Parquet (MB) | gzip CSV (MB) | same bytes |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
${lines.join('\n')}
`;
fs.mkdirSync(path.join(import.meta.dirname, 'results'), { recursive: true });
fs.writeFileSync(path.join(import.meta.dirname, 'results', 'parquet.md'), md);
process.stdout.write(md);
