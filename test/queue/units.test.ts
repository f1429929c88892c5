import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseBatch } from '../../src/batch/spec.ts';
import { packDir, unpackInto } from '../../src/queue/archive.ts';
import { parseQueueUrl } from '../../src/queue/connection.ts';
import { jobId, specHash } from '../../src/queue/jobIds.ts';
import { outToken, seesOutDir } from '../../src/queue/outToken.ts';
import { tempDir } from '../helpers/fixtures.ts';

function batch(doc: unknown): ReturnType<typeof parseBatch> {
  const f = path.join(tempDir(), 'b.json');
  fs.writeFileSync(f, JSON.stringify(doc));
  return parseBatch(f);
}

describe('parseQueueUrl', () => {
  it('reads host, port and database, and hides the password', () => {
    expect(parseQueueUrl('redis://cluster-head:6380/3')).toMatchObject({ host: 'cluster-head', port: 6380, db: 3, shown: 'redis://cluster-head:6380/3' });
    expect(parseQueueUrl('redis://u:s3cret@h')).toMatchObject({ port: 6379, db: 0, username: 'u', password: 's3cret', shown: 'redis://h:6379/0' });
  });
  it('names the option and what was expected', () => {
    expect(() => parseQueueUrl('http://h:1')).toThrow(/--queue is 'http:\/\/h:1', expected a redis:\/\/ URL/);
    expect(() => parseQueueUrl('redis://h:1/x')).toThrow(/expected a database number/);
    expect(() => parseQueueUrl('nonsense')).toThrow(/expected redis:\/\/host:port/);
  });
});

describe('job ids', () => {
  it('are the same for the same batch and differ for any change, even under one name', () => {
    const a = batch({ name: 'n', scenario: 'x', sweep: { seed: [1, 2] } });
    const b = batch({ name: 'n', scenario: 'x', sweep: { seed: [1, 2] } });
    const c = batch({ name: 'n', scenario: 'x', sweep: { seed: [1, 3] } });
    // the two files live in different folders, so their scenarios resolve differently: compare like with like
    const again = { ...a };
    expect(specHash(a, 'none')).toBe(specHash(again, 'none'));
    expect(specHash(a, 'none')).not.toBe(specHash({ ...a, runs: c.runs.map((r) => ({ ...r, scenario: a.runs[0].scenario })) }, 'none'));
    expect(specHash(a, 'none')).not.toBe(specHash(a, 'csv'));
    expect(specHash(a, 'none')).not.toBe(specHash(b, 'none'));
    const id = jobId(a.name, specHash(a, 'none'), a.runs[0].id);
    expect(id).toMatch(/^n@[0-9a-f]{12}@x_s1$/);
    expect(id).not.toContain(':');
  });
});

describe('run archives', () => {
  it('pack a folder and unpack it byte for byte', () => {
    const src = tempDir();
    fs.mkdirSync(path.join(src, 'simulate-today'));
    fs.writeFileSync(path.join(src, 'summary.json'), '{"a":1}\n');
    fs.writeFileSync(path.join(src, 'simulate-today', 'trips.bin'), Buffer.from([0, 1, 2, 255, 10, 10]));
    const dst = tempDir();
    expect(unpackInto(packDir(src), dst)).toEqual(['simulate-today/trips.bin', 'summary.json']);
    expect(fs.readFileSync(path.join(dst, 'simulate-today', 'trips.bin'))).toEqual(Buffer.from([0, 1, 2, 255, 10, 10]));
    expect(fs.readFileSync(path.join(dst, 'summary.json'), 'utf8')).toBe('{"a":1}\n');
  });
  it('refuse paths that leave the folder', () => {
    const evil = gzipSync(Buffer.concat([Buffer.from('QHAR1\n../x\n1\n'), Buffer.from('y')]));
    expect(() => unpackInto(evil, tempDir())).toThrow(/bad path '\.\.\/x'/);
  });
});

describe('the shared --out folder', () => {
  it('is seen by a worker that reads the same token there, and kept across coordinators', () => {
    const out = tempDir();
    const t = outToken(out);
    expect(outToken(out)).toBe(t);
    expect(seesOutDir(out, t)).toBe(true);
    expect(seesOutDir(tempDir(), t)).toBe(false);
  });
});
