import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { REPO, tempDir } from '../helpers/fixtures.ts';
import { P1, P2, TINY, writePlans } from '../compare/tinyPlans.ts';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(REPO, 'bin/quarterhour.js'), ...args], { encoding: 'utf8', cwd: tempDir() });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the compare command', () => {
  it('prints the comparison and writes comparison.json, comparison.csv and the coverage of every state', () => {
    const out = path.join(tempDir(), 'out');
    const r = cli('compare', TINY, ...writePlans({ P1, P2 }), '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^repair\s+\+200\s+0$/m);
    expect(r.stdout).toMatch(/Residents gaining \(\+\) or losing \(-\) access, vs P1/);
    expect(r.stdout).toMatch(/only in P2: S1 Shop \(grocery\)/);
    expect(r.stdout).toMatch(/^P2\s+1\s+1\s+360,000\s+60\s+OVER/m);
    expect(fs.readdirSync(out).sort()).toEqual(['comparison.csv.gz', 'comparison.json', 'comparison_coverage.parquet', 'difference.geojson.gz']);
    const plain = path.join(tempDir(), 'plain');
    expect(cli('compare', TINY, ...writePlans({ P1, P2 }), '--out', plain, '--format', 'csv', '--outputs', 'comparison,difference').code).toBe(0);
    expect(fs.readdirSync(plain).sort()).toEqual(['comparison.csv', 'comparison.json', 'difference.geojson']);
    expect(fs.readFileSync(path.join(plain, 'comparison.csv'), 'utf8')).toBe(gunzipSync(fs.readFileSync(path.join(out, 'comparison.csv.gz'))).toString('utf8'));
  });

  it('prints comparison.json with --json', () => {
    const out = path.join(tempDir(), 'out');
    const r = cli('compare', TINY, ...writePlans({ P1 }), '--out', out, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(fs.readFileSync(path.join(out, 'comparison.json'), 'utf8')));
  });

  it('exits 2 on a bad plan file, naming the file and the field, and writes nothing', () => {
    const out = path.join(tempDir(), 'out');
    const [good, bad] = writePlans({ good: P1, bad: { conversions: [{ candidate: 'NOPE', services: ['repair'] }] } });
    const r = cli('compare', TINY, good, bad, '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad} conversions[0] field 'candidate': unknown idle space id "NOPE"`);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('exits 2 on a plan file that is not JSON, naming it', () => {
    const [broken] = writePlans({ broken: '{"conversions": [' });
    const r = cli('compare', TINY, broken, '--out', path.join(tempDir(), 'out'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${broken}: not valid JSON`);
  });

  it('exits 2 without a plan file', () => {
    const r = cli('compare', TINY);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/at least one plan file/);
  });
});
