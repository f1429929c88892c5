/**
 * Results folders for report tests, written by our own code so they do not depend on what `run`
 * writes today: summary.json + coverage.csv (today), and with a plan also plan.json and the plan's
 * columns in coverage.csv (or, as runs wrote before, `legacy`: coverage_after.csv beside today's
 * table), from staticCoverage + planToJson on a copy of the tiny scenario whose names
 * carry markup (a facility and an idle space named <script>alert(1)</script>, a block named <img …>).
 */
import fs from 'node:fs';
import path from 'node:path';
import { csvString } from '../../../src/io/csv.ts';
import { staticCoverage } from '../../../src/coverage/static.ts';
import { parsePlan, planToJson } from '../../../src/plan/io.ts';
import { COVERAGE_COLUMNS, coverageColumns, coverageRows } from '../../../src/coverage/csv.ts';
import { loadScenario } from '../../../src/scenario/load.ts';
import { computeDistanceMatrix } from '../../../src/travel/travelMatrix.ts';
import { copyScenario, editFile, tempDir } from '../../helpers/fixtures.ts';

export const SCRIPT_NAME = '<script>alert(1)</script>';
export const IMG_NAME = '<img src=x onerror=alert(2)>';

/** The tiny scenario with markup in names. */
export function hostileTiny(): string {
  const dir = copyScenario('tiny');
  editFile(dir, 'facilities.csv', 'F1,Grocery west', `F1,"${SCRIPT_NAME}"`);
  editFile(dir, 'candidates.csv', 'K1,Kiosk', `K1,"${SCRIPT_NAME}"`);
  editFile(dir, 'blocks.csv', 'A,West', `A,"${IMG_NAME}"`);
  return dir;
}

/** The tiny scenario with its blocks as square outlines (about 110 m a side) in blocks.geojson instead of points in blocks.csv. */
export function polygonTiny(): string {
  const dir = copyScenario('tiny');
  const [header, ...rows] = fs.readFileSync(path.join(dir, 'blocks.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
  const h = 0.0005;
  const features = rows.map((r) => {
    const props: Record<string, string | number> = Object.fromEntries(header.map((k, c) => [k, r[c]]));
    const lon = Number(props.lon);
    const lat = Number(props.lat);
    delete props.lon;
    delete props.lat;
    for (const k of header) if (k !== 'id' && k !== 'name' && k !== 'tag' && k in props) props[k] = Number(props[k]);
    const ring = [[lon - h, lat - h], [lon + h, lat - h], [lon + h, lat + h], [lon - h, lat + h], [lon - h, lat - h]];
    return { type: 'Feature', properties: props, geometry: { type: 'Polygon', coordinates: [ring] } };
  });
  fs.rmSync(path.join(dir, 'blocks.csv'));
  fs.writeFileSync(path.join(dir, 'blocks.geojson'), JSON.stringify({ type: 'FeatureCollection', features }));
  return dir;
}

export const KIOSK_REPAIR = { conversions: [{ candidate: 'K1', services: ['repair'] }] };

/**
 * A run results folder for `scenario`; with `plan`, also plan.json and the plan's state: in
 * coverage.csv's plan columns, or with `legacy` in coverage_after.csv (a folder written before they merged).
 */
export async function runResults(scenario: string, plan?: unknown, opts: { legacy?: boolean } = {}): Promise<string> {
  const sc = await loadScenario(scenario);
  const matrix = await computeDistanceMatrix(sc);
  const out = path.join(tempDir('qh-results-'), sc.name);
  fs.mkdirSync(out, { recursive: true });
  const today = staticCoverage(sc, matrix);
  const summary = { quarterhour: 1, scenario: sc.name, source: path.relative(out, scenario), seed: sc.seed, today: today.summary };
  fs.writeFileSync(path.join(out, 'summary.json'), JSON.stringify(summary, null, 2));
  const p = plan ? parsePlan(plan, 'plan', sc) : null;
  const after = p ? staticCoverage(sc, matrix, p).table : null;
  if (p) fs.writeFileSync(path.join(out, 'plan.json'), JSON.stringify(planToJson(sc, p), null, 2));
  if (after && opts.legacy) {
    fs.writeFileSync(path.join(out, 'coverage.csv'), csvString(COVERAGE_COLUMNS, coverageRows(sc, today.table)));
    fs.writeFileSync(path.join(out, 'coverage_after.csv'), csvString(COVERAGE_COLUMNS, coverageRows(sc, after)));
  } else fs.writeFileSync(path.join(out, 'coverage.csv'), csvString(coverageColumns(after !== null), coverageRows(sc, today.table, after)));
  return out;
}
