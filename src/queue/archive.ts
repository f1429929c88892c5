/**
 * A run folder as one gzip-compressed archive, for workers that cannot write into the batch's --out
 * folder: the worker packs the folder and uploads it into Redis, the coordinator unpacks it into a
 * temporary folder and renames it into place. Format: gzip of "QHAR1\n", then for every file (sorted
 * by path) "<relative path>\n<byte length>\n<bytes>". Paths are checked on unpacking (no absolute
 * paths, no '..').
 */
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

const MAGIC = 'QHAR1\n';

function listFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(dir, r));
    else if (e.isFile()) out.push(r);
  }
  return out;
}

export function packDir(dir: string): Buffer {
  const parts: Buffer[] = [Buffer.from(MAGIC)];
  for (const rel of listFiles(dir)) {
    const data = fs.readFileSync(path.join(dir, rel));
    parts.push(Buffer.from(`${rel}\n${data.length}\n`), data);
  }
  return gzipSync(Buffer.concat(parts), { level: 6 });
}

/** Unpack into `dir` (which must exist); returns the files written. */
export function unpackInto(archive: Buffer, dir: string): string[] {
  const buf = gunzipSync(archive);
  if (buf.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new Error('not a quarterhour run archive');
  const files: string[] = [];
  let at = MAGIC.length;
  const line = () => {
    const end = buf.indexOf(10, at);
    if (end < 0) throw new Error('truncated run archive');
    const s = buf.toString('utf8', at, end);
    at = end + 1;
    return s;
  };
  while (at < buf.length) {
    const rel = line();
    const size = Number(line());
    if (!Number.isInteger(size) || size < 0 || at + size > buf.length) throw new Error('truncated run archive');
    if (rel === '' || path.isAbsolute(rel) || rel.split('/').some((p) => p === '..' || p === '' || p === '.')) throw new Error(`run archive holds a bad path '${rel}'`);
    const target = path.join(dir, ...rel.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, buf.subarray(at, at + size));
    at += size;
    files.push(rel);
  }
  return files;
}
