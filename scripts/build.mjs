#!/usr/bin/env node
// Builds dist/: compiles src/ and workers/ with tsc (tsconfig.build.json) and copies the data files
// read at run time (default tables, the tag table, the report's client code) beside the compiled
// modules, so that every `new URL('./file', import.meta.url)` resolves the same from dist/.
//   node scripts/build.mjs             build
//   node scripts/build.mjs --if-stale  build only when the inputs changed since the last build
// Staleness is a hash of every input file's path and content, kept in dist/.build-hash.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = path.join(ROOT, 'dist');
const STAMP = path.join(DIST, '.build-hash');
const SOURCES = ['src', 'workers'];
const CONFIG = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'scripts/build.mjs'];

function files(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p));
    else out.push(p);
  }
  return out;
}

function inputHash() {
  const h = crypto.createHash('sha256');
  for (const f of [...SOURCES.flatMap((d) => files(path.join(ROOT, d))), ...CONFIG.map((f) => path.join(ROOT, f))]) {
    h.update(path.relative(ROOT, f)).update('\0').update(fs.readFileSync(f)).update('\0');
  }
  return h.digest('hex');
}

const hash = inputHash();
if (process.argv.includes('--if-stale') && fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === hash) process.exit(0);

fs.rmSync(DIST, { recursive: true, force: true });
const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const r = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
if (r.status !== 0) {
  process.stderr.write('build: tsc failed, dist/ is not usable\n');
  process.exit(r.status ?? 1);
}
// Data files beside the modules that read them (workers/ holds only code: its tsx bootstrap is for source runs).
for (const f of files(path.join(ROOT, 'src'))) {
  if (f.endsWith('.ts')) continue;
  const to = path.join(DIST, path.relative(ROOT, f));
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(f, to);
}
fs.writeFileSync(STAMP, hash);
process.stderr.write(`build: dist/ written (${path.relative(ROOT, DIST)})\n`);
