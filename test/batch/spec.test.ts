import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBatch } from '../../src/batch/spec.ts';
import { ageShares } from '../../src/batch/variant.ts';
import { tempDir } from '../helpers/fixtures.ts';

function batchFile(doc: unknown): string {
  const f = path.join(tempDir(), 'b.json');
  fs.writeFileSync(f, JSON.stringify(doc));
  return f;
}

describe('parseBatch', () => {
  it('expands a sweep to the full grid, last parameter fastest, with ids from the varying parameters', () => {
    const spec = parseBatch(batchFile({ name: 'g', scenario: '../default', sweep: { maxConversions: [4, 8], ageingShift: [0, 0.2], seed: [1, 2, 3] } }));
    expect(spec.runs.length).toBe(12);
    expect(spec.runs.slice(0, 4).map((r) => r.id)).toEqual(['default_b4_age0_s1', 'default_b4_age0_s2', 'default_b4_age0_s3', 'default_b4_age0.2_s1']);
    expect(spec.runs[11]).toMatchObject({ maxConversions: 8, ageingShift: 0.2, seed: 3, solver: 'auto', speedFactor: 1 });
    expect(path.isAbsolute(spec.runs[0].scenario)).toBe(true);
  });

  it('takes a listed set of runs instead of a grid', () => {
    const spec = parseBatch(batchFile({ scenario: 'x', runs: [{ maxConversions: 2 }, { maxConversions: 3, solver: 'greedy' }] }));
    expect(spec.runs.map((r) => r.id)).toEqual(['x_b2_auto', 'x_b3_greedy']);
  });

  it('names the field of a bad value', () => {
    expect(() => parseBatch(batchFile({ scenario: 'x', sweep: { ageingShift: [0, 2] } }))).toThrow(/b\.json field 'sweep\.ageingShift\[1\]': is 2, expected a number between 0 and 1/);
    expect(() => parseBatch(batchFile({ scenario: 'x', sweep: { budget: [1] } }))).toThrow(/field 'sweep\.budget': unknown parameter 'budget'/);
    expect(() => parseBatch(batchFile({ scenario: 'x', sweep: { catalogue: ['nope'] } }))).toThrow(/expected "default" or a name from "catalogues"/);
    expect(() => parseBatch(batchFile({ sweep: { seed: [1] } }))).toThrow(/names no scenario/);
  });
});

describe('ageShares', () => {
  it('moves a share of every band up one band and keeps the total', () => {
    const s = Float64Array.from([0.1, 0.1, 0.2, 0.3, 0.2, 0.1]);
    const out = ageShares(s, 0.5);
    expect(Array.from(out).map((x) => +x.toFixed(6))).toEqual([0.05, 0.1, 0.15, 0.25, 0.25, 0.2]);
    expect(out.reduce((a, v) => a + v, 0)).toBeCloseTo(1, 12);
  });
});
