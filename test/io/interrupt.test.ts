import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, tempDir } from '../helpers/fixtures.ts';

const CHILD = path.join(REPO, 'test/io/interruptChild.ts');

/** Start the child, signal it once it is writing, and return its exit code, stderr and what is left in the parent folder. */
function interrupt(mode: 'main' | 'worker', signal: 'SIGINT' | 'SIGTERM'): Promise<{ code: number | null; stderr: string; left: string[] }> {
  const parent = tempDir();
  const out = path.join(parent, 'results');
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, mode, out], { cwd: REPO });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdout.on('data', (d) => {
    if (String(d).includes('ready')) child.kill(signal);
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr, left: fs.readdirSync(parent) })));
}

describe('an interrupted write', () => {
  it('removes its temporary folder on SIGINT, exits 130 and says so in one line', async () => {
    const r = await interrupt('main', 'SIGINT');
    expect(r.code).toBe(130);
    expect(r.left).toEqual([]);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^quarterhour: interrupted by SIGINT; removed the unfinished output .*results\.tmp-\d+-\d+\n$/);
  });

  it('removes it on SIGTERM and exits 143', async () => {
    const r = await interrupt('main', 'SIGTERM');
    expect(r.code).toBe(143);
    expect(r.left).toEqual([]);
    expect(r.stderr).toMatch(/interrupted by SIGTERM/);
  });

  it('removes the temporaries of worker threads too (a batch writes its runs there)', async () => {
    const r = await interrupt('worker', 'SIGINT');
    expect(r.code).toBe(130);
    expect(r.left).toEqual([]);
  });
});
