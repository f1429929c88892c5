import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, tempDir } from '../helpers/fixtures.ts';

function generate(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(REPO, 'bin/quarterhour.js'), 'generate', ...args], { encoding: 'utf8', cwd: tempDir() });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('quarterhour generate --blocks', () => {
  it('spreads the residents over the blocks asked for', () => {
    const r = generate('--residents', '5000', '--blocks', '200', '--seed', '9', '--out', path.join(tempDir(), 'g'), '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ residents: 5000, blocks: 200 });
  });

  it('refuses more blocks than residents with exit 2, naming the field', () => {
    const r = generate('--residents', '10', '--blocks', '11', '--out', path.join(tempDir(), 'bad'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/field 'blocks'/);
  });
});
