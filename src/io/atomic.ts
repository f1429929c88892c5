/** Writing outputs so that a failed run leaves nothing half-written: temp file or folder, then rename. */
import fs from 'node:fs';
import path from 'node:path';

let counter = 0;
function tempName(target: string): string {
  return `${target}.tmp-${process.pid}-${counter++}`;
}

/** Write one file atomically (the parent folder is created). */
export function writeFileAtomic(file: string, data: string | NodeJS.ArrayBufferView): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = tempName(file);
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Fill a fresh temporary folder with `fill`, then move it to `finalDir`, replacing what was there.
 * If `fill` throws, the temporary folder is removed and `finalDir` is left as it was.
 */
export async function withOutputDir<T>(finalDir: string, fill: (tmpDir: string) => Promise<T> | T): Promise<T> {
  const target = path.resolve(finalDir);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = tempName(target);
  fs.mkdirSync(tmp, { recursive: true });
  let result: T;
  try {
    result = await fill(tmp);
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  const old = fs.existsSync(target) ? tempName(target) : null;
  if (old) fs.renameSync(target, old);
  fs.renameSync(tmp, target);
  if (old) fs.rmSync(old, { recursive: true, force: true });
  return result;
}
