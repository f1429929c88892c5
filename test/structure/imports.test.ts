/**
 * The import graph, checked with dependency-cruiser against .dependency-cruiser.cjs: no circle anywhere,
 * src/parallel imports no domain folder, and src/ never imports workers/.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/fixtures.ts';

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
  cycle?: { name: string }[];
}

describe('the import graph', () => {
  it('has no circle, keeps src/parallel a leaf and never imports workers/ from src/', () => {
    const r = spawnSync(process.execPath, [path.join(REPO, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'), 'src', 'workers', 'bin', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], {
      cwd: REPO,
      encoding: 'utf8',
      maxBuffer: 64 * 2 ** 20,
    });
    const report = JSON.parse(r.stdout) as { summary: { violations: Violation[]; totalCruised: number } };
    const described = report.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}${v.cycle ? ` (${v.cycle.map((c) => c.name).join(' -> ')})` : ''}`);
    expect(described).toEqual([]);
    expect(report.summary.totalCruised).toBeGreaterThan(100);
  }, 60_000);
});
