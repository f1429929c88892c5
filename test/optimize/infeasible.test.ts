/** A scenario no plan can satisfy: the run says which constraint cannot be met and how far it can go, exits 1, and writes nothing. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { optimizeToDir } from '../../src/jobs/optimize.ts';
import { InfeasiblePlanError } from '../../src/optimize/infeasible.ts';
import { REPO, tempDir } from '../helpers/fixtures.ts';

/** Teaching exercise 01 with an equity floor of 50% per age band, which one repair kiosk cannot give. */
function exercise01WithFloor(share: number): string {
  const dir = path.join(tempDir(), 'ex01');
  fs.cpSync(path.join(REPO, 'scenarios/teaching/01-one-repair-kiosk'), dir, { recursive: true });
  const file = path.join(dir, 'scenario.json');
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  doc.constraints.equity = { ageBandMin: share };
  fs.writeFileSync(file, JSON.stringify(doc));
  return dir;
}

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(REPO, 'bin/quarterhour.js'), ...args], { encoding: 'utf8', cwd: tempDir() });
  return { code: r.status, out: `${r.stdout}\n${r.stderr}` };
}

describe('an infeasible scenario', () => {
  it('names the equity floor that cannot be met with the best share reachable, and writes no plan', async () => {
    const out = path.join(tempDir(), 'out');
    const err = await optimizeToDir(exercise01WithFloor(0.5), { out, timeLimit: 10 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InfeasiblePlanError);
    const e = err as InfeasiblePlanError;
    expect(e.constraint).toBe('constraints.equity.ageBandMin');
    expect(e.message).toMatch(/constraints\.equity\.ageBandMin asks every age band to have at least 50\.0%/);
    expect(e.message).toMatch(/the best reachable is \d+\.\d% \(age band [0-9+-]+ is lowest/);
    const [lo, hi] = e.reachable!;
    expect(lo).toBeGreaterThan(0);
    expect(lo).toBeLessThan(0.5);
    expect(hi).toBeLessThanOrEqual(0.5);
    expect(e.message).not.toMatch(/NaN|Infinity/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('makes optimize and run exit 1 with that reason and no NaN or Infinity anywhere', () => {
    const sc = exercise01WithFloor(0.5);
    for (const cmd of ['optimize', 'run']) {
      const out = path.join(tempDir(), 'out');
      const r = cli(cmd, sc, '--out', out, '--time-limit', '10', '--lang', 'en');
      expect(r.code, r.out).toBe(1);
      expect(r.out).toContain('constraints.equity.ageBandMin');
      expect(r.out).toContain('best reachable');
      expect(r.out).not.toMatch(/NaN|Infinity|failed: .*at /);
      expect(fs.existsSync(out)).toBe(false);
      // nor a temporary folder: run's writes of today's simulation, started beside the optimizer, were waited for and removed
      expect(fs.readdirSync(path.dirname(out))).toEqual([]);
    }
  });
});
