/** --max-conversions and --max-cost on the command line: they override scenario.json's budget for run and optimize, and set compare's. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { optimizeToDir } from '../../src/jobs/optimize.ts';
import { P1, P2, TINY, writePlans } from '../compare/tinyPlans.ts';
import { REPO, tempDir } from '../helpers/fixtures.ts';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(REPO, 'bin/quarterhour.js'), ...args], { encoding: 'utf8', cwd: tempDir() });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const planOf = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'plan.json'), 'utf8'));

describe('the budget on the command line', () => {
  it('overrides the scenario budget in the optimize job', async () => {
    const base = await optimizeToDir(TINY, { out: path.join(tempDir(), 'a'), timeLimit: 10 });
    expect(base.record.plan.conversions).toBe(1);
    const none = await optimizeToDir(TINY, { out: path.join(tempDir(), 'b'), timeLimit: 10, budget: { maxConversions: 0 } });
    expect(none.record.plan.conversions).toBe(0);
    expect(none.scenario.budget).toEqual({ maxConversions: 0, maxCost: 100000 });
    const rich = await optimizeToDir(TINY, { out: path.join(tempDir(), 'c'), timeLimit: 10, budget: { maxCost: 10_000_000 } });
    expect(rich.record.plan.conversions).toBe(2);
  });

  it('is read by optimize and run (--max-conversions, --max-cost) and written into plan.json', () => {
    for (const cmd of ['optimize', 'run']) {
      const out = path.join(tempDir(), 'out');
      const r = cli(cmd, TINY, '--max-conversions', '1', '--max-cost', '50000', '--out', out, '--time-limit', '10', '--lang', 'en');
      expect(r.code, r.stderr).toBe(0);
      const plan = planOf(out);
      expect(plan.totals.conversions).toBeLessThanOrEqual(1);
      expect(plan.totals.cost).toBeLessThanOrEqual(50000);
    }
  });

  it('sets the budget compare checks the plans against', () => {
    const plans = writePlans({ P1, P2 });
    const tight = cli('compare', TINY, ...plans, '--max-cost', '1', '--out', path.join(tempDir(), 'o1'), '--lang', 'en');
    expect(tight.code, tight.stderr).toBe(0);
    expect(tight.stdout).toMatch(/^P1\s.*OVER/m);
    const loose = cli('compare', TINY, ...plans, '--max-cost', '10000000', '--out', path.join(tempDir(), 'o2'), '--lang', 'en');
    expect(loose.stdout).toMatch(/^P2\s.*\bok\b/m);
  });

  it('refuses a negative or fractional limit with exit 2', () => {
    expect(cli('optimize', TINY, '--max-conversions', '1.5').code).toBe(2);
    expect(cli('run', TINY, '--max-cost', '-1').code).toBe(2);
  });
});
