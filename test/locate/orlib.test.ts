import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readOrlib, parseOrlib } from '../../src/locate/io/orlib.ts';
import { pmedian } from '../../src/locate/models/pmedian.ts';
import { ORLIB, haveData } from './fixtures.ts';

const have = haveData(`${ORLIB}/pmedopt.txt`);
const optima = (): Record<string, number> =>
  Object.fromEntries(
    fs.readFileSync(`${ORLIB}/pmedopt.txt`, 'utf8').trim().split(/\r?\n/).map((l) => {
      const [name, v] = l.trim().split(/\s+/);
      return [name, Number(v)];
    }),
  );

describe('OR-Library p-median reader', () => {
  it('lets the last occurrence of a duplicated edge win and computes shortest paths', () => {
    const { matrix, p } = parseOrlib('3 3 1\n1 2 10\n2 3 1\n1 2 4\n', 'tiny.txt');
    expect(p).toBe(1);
    expect(matrix.cost[0 * 3 + 1]).toBe(4);
    expect(matrix.cost[0 * 3 + 2]).toBe(5);
  });
  it('rejects a malformed edge line with its line number', () => {
    expect(() => parseOrlib('3 1 1\n1 x 10\n', 'bad.txt')).toThrow(/bad.txt row 2/);
  });
});

describe.skipIf(!have)('OR-Library pmed1-pmed10 reach the proven optima of pmedopt.txt', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])('pmed%i', async (i) => {
    const { matrix, p } = readOrlib(`${ORLIB}/pmed${i}.txt`);
    const r = await pmedian(matrix, p, { solver: 'auto', timeLimit: 50 });
    expect(r.objective).toBe(optima()[`pmed${i}`]);
    expect(r.status).toBe('optimal');
    expect(r.selected).toHaveLength(p);
  });
});
