import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withOutputDir, writeFileAtomic } from '../../src/io/atomic.ts';
import { tempDir } from '../helpers/fixtures.ts';

describe('atomic output', () => {
  it('replaces a folder only when filling it succeeded', async () => {
    const out = path.join(tempDir(), 'results');
    await withOutputDir(out, (tmp) => fs.writeFileSync(path.join(tmp, 'a.txt'), 'first'));
    await expect(
      withOutputDir(out, (tmp) => {
        fs.writeFileSync(path.join(tmp, 'a.txt'), 'half');
        throw new Error('crash while writing');
      }),
    ).rejects.toThrow('crash while writing');
    expect(fs.readFileSync(path.join(out, 'a.txt'), 'utf8')).toBe('first');
    expect(fs.readdirSync(path.dirname(out))).toEqual(['results']);
  });

  it('writes a file through a temporary name', () => {
    const f = path.join(tempDir(), 'sub', 'x.json');
    writeFileAtomic(f, '{}');
    expect(fs.readFileSync(f, 'utf8')).toBe('{}');
    expect(fs.readdirSync(path.dirname(f))).toEqual(['x.json']);
  });
});
