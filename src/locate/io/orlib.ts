/**
 * OR-Library p-median files (Beasley 1990): first line `n edges p`, then `i j cost` lines (1-based,
 * undirected; when an edge is listed twice the LAST occurrence wins). The cost matrix is the
 * all-pairs shortest-path matrix (Floyd-Warshall); every vertex is both a client (weight 1) and a
 * candidate site.
 */
import fs from 'node:fs';
import { InputError } from '../../core/errors.ts';
import type { CostMatrix } from '../model/costMatrix.ts';

export interface OrlibInstance {
  matrix: CostMatrix;
  p: number;
}

export function parseOrlib(text: string, file: string): OrlibInstance {
  const lines = text.split(/\r?\n/);
  let li = 0;
  while (li < lines.length && lines[li].trim() === '') li++;
  const head = (lines[li] ?? '').trim().split(/\s+/).map(Number);
  if (head.length < 3 || head.some((v) => !Number.isInteger(v) || v < 0)) throw new InputError(file, `first line is '${lines[li] ?? ''}', expected 'n edges p'`, 1);
  const [n, edges, p] = head;
  const d = new Float64Array(n * n).fill(Infinity);
  const edgeCost = new Map<number, number>();
  let read = 0;
  for (let l = li + 1; l < lines.length; l++) {
    const s = lines[l].trim();
    if (s === '') continue;
    const v = s.split(/\s+/).map(Number);
    if (v.length < 3 || !Number.isInteger(v[0]) || !Number.isInteger(v[1]) || !Number.isFinite(v[2]) || v[0] < 1 || v[0] > n || v[1] < 1 || v[1] > n || v[2] < 0) {
      throw new InputError(file, `'${s}' is not an edge 'i j cost' with 1 <= i, j <= ${n}`, l + 1);
    }
    const a = Math.min(v[0], v[1]) - 1;
    const b = Math.max(v[0], v[1]) - 1;
    edgeCost.set(a * n + b, v[2]); // last occurrence wins
    read++;
  }
  if (read !== edges) throw new InputError(file, `has ${read} edge lines, the header says ${edges}`);
  for (let i = 0; i < n; i++) d[i * n + i] = 0;
  for (const [key, c] of edgeCost) {
    const a = Math.floor(key / n);
    const b = key % n;
    if (a === b) continue;
    d[a * n + b] = c;
    d[b * n + a] = c;
  }
  for (let k = 0; k < n; k++) {
    const rowK = k * n;
    for (let i = 0; i < n; i++) {
      const dik = d[i * n + k];
      if (dik === Infinity) continue;
      const rowI = i * n;
      for (let j = 0; j < n; j++) {
        const v = dik + d[rowK + j];
        if (v < d[rowI + j]) d[rowI + j] = v;
      }
    }
  }
  const ids = Array.from({ length: n }, (_, i) => String(i + 1));
  return { matrix: { nClients: n, nSites: n, cost: d, weight: new Float64Array(n).fill(1), clientIds: ids, siteIds: ids.slice() }, p };
}

export function readOrlib(file: string): OrlibInstance {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new InputError(file, 'file not found or unreadable');
  }
  return parseOrlib(text, file);
}
