import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { SF_COSTS, haveData } from './fixtures.ts';

const have = haveData(SF_COSTS);
function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/quarterhour.js', 'locate', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const SF = ['--costs', SF_COSTS, '--from', 'DestinationName', '--to', 'name', '--cost', 'distance'];

describe.skipIf(!have)('quarterhour locate', () => {
  it('solves the San Francisco MCLP and prints a JSON result with the chosen stores', () => {
    const r = cli('--model', 'mclp', ...SF, '--weight', 'demand', '--radius', '5000', '--p', '4', '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.status).toBe('optimal');
    expect(out.objective).toBe(875247);
    expect(out.selectedIds).toEqual(['Store_2', 'Store_11', 'Store_12', 'Store_15']);
    expect(out.assignment).toHaveLength(205);
  });

  it('exits 2 naming the file and the missing column', () => {
    const r = cli('--model', 'mclp', '--costs', SF_COSTS, '--from', 'DestinationName', '--to', 'name', '--cost', 'dist', '--radius', '5000', '--p', '4');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no column 'dist'");
    expect(r.stderr).toContain('SF_network_distance');
  });

  it('prints the LP model with --show-model', () => {
    const r = cli('--model', 'lscp', ...SF, '--radius', '5000', '--show-model', '--solver', 'exact');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Minimize/);
    expect(r.stdout).toContain('Binaries');
    expect(r.stdout).toContain('lscp on');
  });

  it('rejects an unknown predefined site with exit 2', () => {
    const r = cli('--model', 'mclp', ...SF, '--radius', '5000', '--p', '4', '--predefined', 'Store_99');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown site 'Store_99'");
  });
});
