/**
 * The compiled package: what `npm install` builds into dist/ runs on its own, without tsx, and finds the
 * data files it reads at run time beside its modules.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, REPO, tempDir } from '../helpers/fixtures.ts';

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('the compiled package', () => {
  it('has every data file of src/ beside its compiled module in dist/', () => {
    const data = files(path.join(REPO, 'src')).filter((f) => !f.endsWith('.ts'));
    expect(data.length).toBeGreaterThan(5);
    for (const f of data) expect(fs.existsSync(path.join(REPO, 'dist', path.relative(REPO, f))), path.relative(REPO, f)).toBe(true);
  });

  it('imports no TypeScript source and no tsx from dist/', () => {
    for (const f of files(path.join(REPO, 'dist')).filter((f) => f.endsWith('.js'))) {
      const text = fs.readFileSync(f, 'utf8');
      expect(text, path.relative(REPO, f)).not.toMatch(/from '[^']*\.ts'|import\('[^']*\.ts'\)|tsx\/esm/);
    }
  });

  it('runs a command and its worker threads with node alone, reading the default tables from dist/', () => {
    const out = path.join(tempDir(), 'sim');
    const r = spawnSync(process.execPath, [path.join(REPO, 'bin/quarterhour.js'), 'simulate', path.join(FIXTURES, 'scenarios', 'tiny'), '--threads', '2', '--out', out, '--json'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).trips).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(out, 'metrics.json'))).toBe(true);
  });

  it('is importable by its package name from its one public entry', () => {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', "const q = await import('quarterhour'); process.stdout.write(Object.keys(q).sort().join(','));"], { cwd: REPO, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.split(',')).toEqual(expect.arrayContaining(['loadScenario', 'simulate', 'optimizeScenario']));
  });
});
