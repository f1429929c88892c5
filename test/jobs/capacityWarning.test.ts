/** Capacity overload is said, not hidden: run's text and summary.json's warnings name the worst sites when the shadow prices do not converge. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/jobs/run.ts';
import { copyScenario, editFile, REPO, tempDir } from '../helpers/fixtures.ts';

/** The tiny scenario with facility F2 (grocery and repair) given a capacity of 1 visit a day: far below its demand. */
function overloaded(): string {
  const dir = copyScenario('tiny');
  editFile(dir, 'facilities.csv', '0.0107919,0,50', '0.0107919,0,1');
  return dir;
}

describe('a capacity the shadow prices cannot meet', () => {
  it('is a warning in summary.json naming the worst sites with their load, capacity and ratio', async () => {
    const r = await runScenario(overloaded(), { out: path.join(tempDir(), 'out'), timeLimit: 10 });
    const cap = r.summary.today.simulated.capacity;
    expect(cap.converged).toBe(false);
    expect(cap.worstSites[0]).toMatchObject({ id: 'F2', services: ['grocery', 'repair'], capacity: 1 });
    expect(cap.worstSites[0].overloadRatio).toBeCloseTo(cap.maxOverloadRatio, 6);
    const doc = JSON.parse(fs.readFileSync(path.join(r.outDir, 'summary.json'), 'utf8'));
    const warning = doc.warnings.find((w: string) => w.startsWith('capacity today:'));
    expect(warning).toMatch(/did not converge after \d+ passes; \d+ sites? stays? over capacity/);
    expect(warning).toMatch(/Worst: F2 \(grocery\+repair: \d+ trips\/day for a capacity of 1, [\d.]+x\)/);
    expect(doc.warnings.some((w: string) => w.startsWith('capacity with the plan:'))).toBe(!doc.withPlan.simulated.capacity.converged);
  });

  it('is printed by run, in English and in Chinese', () => {
    const sc = overloaded();
    for (const [lang, text] of [['en', /^warning: capacity today: the shadow prices did not converge .* Worst: F2/m], ['zh', /^警告：容量（现状）：影子价格迭代 \d+ 轮后仍未收敛.*最严重：F2/m]] as const) {
      const r = spawnSync(process.execPath, [path.join(REPO, 'bin/quarterhour.js'), 'run', sc, '--out', path.join(tempDir(), 'o'), '--lang', lang, '--time-limit', '10'], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(text);
    }
  });
});
