/**
 * Golden outputs of the whole commands on the default scenario and seed: every file that `run`,
 * `simulate`, `optimize` and `compare` write, as SHA-256 hashes. The hashes were taken before the
 * compiled-package restructuring and hold the outputs byte-identical across it. A change that alters
 * outputs on purpose regenerates them and says so:
 *   QUARTERHOUR_REGENERATE_GOLDEN=1 npx vitest run test/jobs/golden.test.ts
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO, tempDir } from '../helpers/fixtures.ts';

const GOLDEN = fileURLToPath(new URL('./golden/default.json', import.meta.url));
const REGENERATE = process.env.QUARTERHOUR_REGENERATE_GOLDEN === '1';

function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p).split(path.sep).join('/')] = crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

function cli(cwd: string, ...args: string[]): void {
  const r = spawnSync(process.execPath, [path.join(REPO, 'bin/quarterhour.js'), ...args], { encoding: 'utf8', cwd });
  if (r.status !== 0) throw new Error(`quarterhour ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
}

describe('the default scenario', () => {
  it('gives byte-identical run, simulate, optimize and compare outputs to the recorded ones', () => {
    // A fixed layout, so that the relative paths the outputs record do not depend on the checkout.
    const root = tempDir('qh-golden-');
    fs.cpSync(path.join(REPO, 'scenarios/default'), path.join(root, 'scenarios/default'), { recursive: true });
    fs.cpSync(path.join(REPO, 'scenarios/plans'), path.join(root, 'scenarios/plans'), { recursive: true });
    cli(root, 'run', 'scenarios/default', '--out', 'out/run');
    cli(root, 'simulate', 'scenarios/default', '--out', 'out/simulate');
    cli(root, 'optimize', 'scenarios/default', '--out', 'out/optimize');
    cli(root, 'compare', 'scenarios/default', 'scenarios/plans/default-planner.json', 'out/run/plan.json', '--out', 'out/compare');
    const hashes = hashTree(path.join(root, 'out'));
    if (REGENERATE) fs.writeFileSync(GOLDEN, `${JSON.stringify(hashes, null, 2)}\n`);
    expect(fs.existsSync(GOLDEN), `${GOLDEN} is missing: run with QUARTERHOUR_REGENERATE_GOLDEN=1`).toBe(true);
    expect(hashes).toEqual(JSON.parse(fs.readFileSync(GOLDEN, 'utf8')));
    fs.rmSync(root, { recursive: true, force: true });
  }, 180_000);
});
