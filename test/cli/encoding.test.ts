import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { copyScenario, REPO, tempDir } from '../helpers/fixtures.ts';
import { encodeGb18030 } from '../io/gb18030.ts';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(REPO, 'bin/quarterhour.js'), ...args], { encoding: 'utf8', cwd: tempDir() });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const NAMES = ['新华新村1幢', '朝晖小区', '潮鸣苑'];

/** The tiny fixture with Chinese block names, its blocks.csv written as Excel does on a Chinese system. */
function chineseScenario(): string {
  const dir = copyScenario('tiny');
  const file = path.join(dir, 'blocks.csv');
  const text = fs.readFileSync(file, 'utf8').replace(',West,', `,${NAMES[0]},`).replace(',Middle,', `,${NAMES[1]},`).replace(',East,', `,${NAMES[2]},`);
  fs.writeFileSync(file, encodeGb18030(text));
  return dir;
}

describe('reading a GB18030 scenario', () => {
  it('validate reads it, with one line saying so', () => {
    const dir = chineseScenario();
    const r = cli('validate', dir);
    expect(r.code).toBe(0);
    const lines = r.stderr.split('\n').filter((l) => /GB18030/.test(l));
    expect(lines).toEqual([`${path.join(dir, 'blocks.csv')}: not UTF-8, read as GB18030 (use --encoding to choose)`]);
  });

  it('run writes the Chinese names intact, never replacement characters', () => {
    const dir = chineseScenario();
    const out = path.join(tempDir(), 'out');
    const r = cli('run', dir, '--out', out, '--today-only');
    expect(r.code).toBe(0);
    const metrics = gunzipSync(fs.readFileSync(path.join(out, 'simulate-today', 'block_metrics.csv.gz'))).toString('utf8');
    for (const n of NAMES) expect(metrics).toContain(n);
    expect(metrics).not.toContain('\uFFFD');
  });

  it('--encoding utf8 refuses it with exit 2, naming file and row', () => {
    const dir = chineseScenario();
    const r = cli('validate', dir, '--encoding', 'utf8');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/blocks\.csv row 2: is not valid UTF-8 text/);
  });

  it('--encoding gb18030 reads it without a notice', () => {
    const r = cli('validate', chineseScenario(), '--encoding', 'gb18030');
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/read as GB18030/);
  });

  it('a file already holding replacement characters is bad input naming file and row', () => {
    const dir = copyScenario('tiny');
    const file = path.join(dir, 'blocks.csv');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(',Middle,', ',\uFFFD\uFFFD\uFFFD\uFFFD1\uFFFD,'));
    const r = cli('validate', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/blocks\.csv row 3: holds the replacement character/);
  });
});

describe("reading a ';'-separated scenario", () => {
  it("validate reads it (decimal commas too) and says it is separated by ';'", () => {
    const dir = copyScenario('tiny');
    const file = path.join(dir, 'blocks.csv');
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    const semi = lines.map((l, i) => (i === 0 ? l.replace(/,/g, ';') : l.split(',').map((c) => c.replace('.', ',')).join(';')));
    fs.writeFileSync(file, `${semi.join('\n')}\n`);
    const r = cli('validate', dir, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: true, residents: 600, blocks: 3 });
    expect(r.stderr).toContain(`${file}: separated by ';', read as such`);
  });
});

describe('the QGIS layers', () => {
  it('run writes blocks.geojson with the Chinese block names of a GB18030 scenario', () => {
    const out = path.join(tempDir(), 'out');
    const r = cli('run', chineseScenario(), '--out', out, '--solver', 'greedy');
    expect(r.code).toBe(0);
    const doc = JSON.parse(gunzipSync(fs.readFileSync(path.join(out, 'blocks.geojson.gz'))).toString('utf8'));
    expect(doc.features.map((f: { properties: { name: string } }) => f.properties.name)).toEqual(NAMES);
    expect(Object.keys(doc.features[0].properties)).toEqual(expect.arrayContaining(['today_all', 'plan_all', 'change_all', 'today_svc_grocery', 'plan_age_75_plus']));
  });

  it('compare writes difference.geojson', () => {
    const plan = path.join(tempDir(), 'P1.json');
    fs.writeFileSync(plan, JSON.stringify({ conversions: [{ candidate: 'K1', services: ['repair'] }] }));
    const out = path.join(tempDir(), 'cmp');
    const r = cli('compare', chineseScenario(), plan, '--out', out);
    expect(r.code).toBe(0);
    const doc = JSON.parse(gunzipSync(fs.readFileSync(path.join(out, 'difference.geojson.gz'))).toString('utf8'));
    expect(doc.features.map((f: { properties: Record<string, unknown> }) => [f.properties.plan, f.properties.name, f.properties.gained])).toEqual([['P1', NAMES[1], 200]]);
  });
});
