/** Test helpers: copies of the hand-made fixture scenarios in temporary folders, and small edits to them. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const SHARED_DATA = path.resolve(REPO, '../shared/data');

/** A fresh temporary folder (removed by the OS eventually; tests may rm it). */
export function tempDir(prefix = 'qh-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Copy test/fixtures/scenarios/<name> to a temporary folder and return its path. */
export function copyScenario(name: string): string {
  const dir = path.join(tempDir(), name);
  fs.cpSync(path.join(FIXTURES, 'scenarios', name), dir, { recursive: true });
  return dir;
}

/** Replace text in a file of a copied scenario (the text must occur). */
export function editFile(dir: string, file: string, from: string | RegExp, to: string): void {
  const p = path.join(dir, file);
  const before = fs.readFileSync(p, 'utf8');
  const after = before.replace(from, to);
  if (after === before) throw new Error(`editFile: '${String(from)}' not found in ${file}`);
  fs.writeFileSync(p, after);
}
