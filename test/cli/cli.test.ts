import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readParquetFile } from '../../src/io/parquet.ts';
import { copyScenario, editFile, FIXTURES, REPO, tempDir } from '../helpers/fixtures.ts';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(REPO, 'bin/quarterhour.js'), ...args], { encoding: 'utf8', cwd: tempDir() });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the quarterhour command', () => {
  it('lists its commands and exits 2 without one', () => {
    const r = cli();
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/validate/);
  });

  it('prints help for a command', () => {
    const r = cli('run', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/quarterhour run <scenario>/);
  });

  it('validates a good scenario with exit code 0 and a JSON summary', () => {
    const r = cli('validate', path.join(FIXTURES, 'scenarios', 'tiny'), '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: true, name: 'tiny', residents: 600, blocks: 3 });
  });

  it('exits 2 on bad input, naming file, row and field', () => {
    const dir = copyScenario('tiny');
    editFile(dir, 'facilities.csv', 'grocery;repair', 'grocery;bakery');
    const r = cli('validate', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/facilities\.csv row 3 field 'services': unknown service id 'bakery'/);
  });

  const BAD: [string, (dir: string) => void, RegExp][] = [
    ['age shares that do not sum to 1', (d) => editFile(d, 'blocks.csv', 'B,Middle,0.0053959,0,200,0.1,0.1,0.2,0.3,0.2,0.1', 'B,Middle,0.0053959,0,200,0.1,0.1,0.2,0.3,0.1,0'), /blocks\.csv row 3 field '.*': age shares sum to 0\.8, expected 1 ± 0\.01/],
    ['an unknown service id', (d) => editFile(d, 'facilities.csv', 'grocery;repair', 'grocery;bakery'), /facilities\.csv row 3 field 'services': unknown service id 'bakery'/],
    ['a duplicate id', (d) => editFile(d, 'candidates.csv', 'S1,Shop', 'K1,Shop'), /candidates\.csv row 3 field 'id': duplicate id 'K1'/],
    ['a negative area', (d) => editFile(d, 'candidates.csv', ',150,1.2,', ',-150,1.2,'), /candidates\.csv row 3 field 'area_m2': is -150, expected a number > 0/],
    ['a missing file', (d) => fs.rmSync(path.join(d, 'blocks.csv')), /blocks\.csv: file not found/],
    ['a NaN coordinate', (d) => editFile(d, 'facilities.csv', 'F1,Grocery west,grocery,0,0,', 'F1,Grocery west,grocery,NaN,0,'), /facilities\.csv row 2 field 'lon': is 'NaN', expected a number/],
    ['an empty table', (d) => fs.writeFileSync(path.join(d, 'services.csv'), 'id,name,category,min_area_m2,threshold_min,cost\n'), /services\.csv: the table is empty/],
  ];
  for (const [what, spoil, message] of BAD) {
    it(`validate exits 2 on ${what}, naming file, row and field`, () => {
      const dir = copyScenario('tiny');
      spoil(dir);
      const r = cli('validate', dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    });
  }

  it('exits 2 on an unknown option', () => {
    const r = cli('validate', '--frobnicate');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/frobnicate/);
  });

  it('writes nothing when run fails on bad input', () => {
    const dir = copyScenario('tiny');
    editFile(dir, 'blocks.csv', 'A,West,0,0,', 'A,West,0,x,');
    const out = path.join(tempDir(), 'out');
    const r = cli('run', dir, '--out', out);
    expect(r.code).toBe(2);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('runs a scenario and writes summary.json and coverage.parquet', async () => {
    const out = path.join(tempDir(), 'out');
    const r = cli('run', path.join(FIXTURES, 'scenarios', 'tiny'), '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/grocery \(10 min\)/);
    const summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ scenario: 'tiny', seed: 42, residents: 600 });
    expect((await readParquetFile(path.join(out, 'coverage.parquet'))).count).toBe(3 * 3 * 6);
  });

  it('generates the same files twice for the same seed', () => {
    const a = path.join(tempDir(), 'a');
    const b = path.join(tempDir(), 'b');
    expect(cli('generate', '--residents', '5000', '--seed', '9', '--name', 'g', '--out', a).code).toBe(0);
    expect(cli('generate', '--residents', '5000', '--seed', '9', '--name', 'g', '--out', b).code).toBe(0);
    for (const f of fs.readdirSync(a)) expect(fs.readFileSync(path.join(a, f))).toEqual(fs.readFileSync(path.join(b, f)));
  });
});
