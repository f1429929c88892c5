/**
 * Does a worker see the batch's --out folder? The coordinator writes a random token into
 * <out>/.quarterhour-queue; a worker that reads the same token there shares the folder (one machine,
 * or NFS) and writes run folders into it directly. Anyone else uploads archives.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../io/atomic.ts';

export const TOKEN_FILE = '.quarterhour-queue';

/** The folder's token, created on first use (kept across coordinator restarts). */
export function outToken(outDir: string): string {
  const file = path.join(outDir, TOKEN_FILE);
  try {
    const t = fs.readFileSync(file, 'utf8').trim();
    if (/^[0-9a-f]{32}$/.test(t)) return t;
  } catch {
    // no token yet
  }
  const token = randomBytes(16).toString('hex');
  writeFileAtomic(file, `${token}\n`);
  return token;
}

export function seesOutDir(outDir: string, token: string): boolean {
  try {
    return fs.readFileSync(path.join(outDir, TOKEN_FILE), 'utf8').trim() === token;
  } catch {
    return false;
  }
}
