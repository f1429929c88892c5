/**
 * A big report's compact form (src/report/html/compact.ts, client/compact.js): quantized distances keep
 * every covered flag, and the what-if coverage the page computes from it (coverage.js, run here in Node)
 * is the engine's, cell by cell, on a generated scenario of 2,400 blocks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { staticCoverage } from '../../../src/coverage/static.ts';
import type { Plan } from '../../../src/plan/types.ts';
import { COMPACT_BLOCKS, exactColumn, metresColumn } from '../../../src/report/html/compact.ts';
import { compactBase } from '../../../src/report/html/compactBase.ts';
import type { ReportData, WhatIfData } from '../../../src/report/html/data.ts';
import { whatIfData } from '../../../src/report/html/whatif.ts';
import { generateCity } from '../../../src/scenario/generate.ts';
import { computeDistanceMatrix } from '../../../src/travel/travelMatrix.ts';
import { REPO } from '../../helpers/fixtures.ts';

interface Column { type: string; scale: number; none: number | null; data: string }
interface Client {
  QHCoverage: {
    model(w: WhatIfData): unknown;
    evaluate(m: unknown, plan: { space: number; services: number[] }[]): { table: { minutes: Float64Array; covered: Uint8Array }; summary: { allServices: number; byAgeBand: number[] } };
  };
  QHCompact: { expand(data: unknown): unknown; expandWhatIf(data: unknown): void; column(c: Column, none: number): Float64Array };
}

/** The page's coverage.js and compact.js, as the browser runs them. */
function loadClient(): Client {
  const code = ['load.js', 'coverage.js', 'compact.js'].map((f) => fs.readFileSync(path.join(REPO, 'src/report/html/client', f), 'utf8')).join('\n');
  return new Function(`${code}\nreturn { QHCoverage: QHCoverage, QHCompact: QHCompact };`)() as Client;
}

describe('the compact form of a big report', () => {
  it('quantizes metres so that each lies on the same side of every threshold as the exact distance', () => {
    const thresholds = [720, 720.04, 1080];
    const values = [719.96, 720, 720.01, 720.03, 720.04, 720.05, 1079.999, 1080.0001, 0, Infinity, -1];
    const c = metresColumn(values, thresholds);
    const back = loadClient().QHCompact.column(c, Infinity);
    values.forEach((x, k) => {
      if (!Number.isFinite(x) || x < 0) expect(back[k]).toBe(Infinity);
      else for (const t of thresholds) expect(back[k] <= t).toBe(x <= t);
    });
    expect(c.scale).toBeGreaterThanOrEqual(100);
  });

  it('keeps exact decimals exact and other numbers as Float64', () => {
    const client = loadClient();
    const shares = [0.0327, 0.2013, 0.1089, 1];
    expect(Array.from(client.QHCompact.column(exactColumn(shares), 0))).toEqual(shares);
    const odd = [Math.PI, 1 / 3];
    expect(exactColumn(odd).type).toBe('f64');
    expect(Array.from(client.QHCompact.column(exactColumn(odd), 0))).toEqual(odd);
  });

  it('gives the engine\'s covered flags and shares for plans on a 2,400-block scenario', async () => {
    const sc = await generateCity({ residents: 960_000, seed: 7 });
    expect(sc.blocks.count).toBeGreaterThan(COMPACT_BLOCKS);
    const matrix = await computeDistanceMatrix(sc);
    const w = whatIfData(sc, matrix, null, 'en');
    expect(w.compact).toBeTruthy();
    expect(w.reach.metres).toBe('');
    // through JSON, as the page reads it
    const data = JSON.parse(JSON.stringify({ services: sc.services.map((s) => ({ id: s.id })), states: [], kindNames: {}, whatIf: w, compact: compactBase(sc) })) as ReportData;
    const client = loadClient();
    client.QHCompact.expand(data);
    client.QHCompact.expandWhatIf(data);
    const m = client.QHCoverage.model(data.whatIf!);
    const S = sc.services.length;
    const plans: { space: number; services: number[] }[][] = [[]];
    for (let k = 0; k < 3; k++) {
      const plan: { space: number; services: number[] }[] = [];
      for (let c = k; c < sc.candidates.count; c += 23 + k) {
        const allowed = Array.from(sc.candidates.allowedIndex.subarray(sc.candidates.allowedOffsets[c], sc.candidates.allowedOffsets[c + 1])).sort((a, b) => a - b);
        if (allowed.length) plan.push({ space: c, services: allowed.slice(0, 1 + (c % 2)) });
      }
      plans.push(plan);
    }
    for (const p of plans) {
      const enginePlan: Plan = { conversions: p.map((c) => ({ candidateIndex: c.space, serviceIndices: c.services })) } as Plan;
      const engine = staticCoverage(sc, matrix, enginePlan);
      const page = client.QHCoverage.evaluate(m, p);
      expect(Buffer.from(page.table.covered).equals(Buffer.from(engine.table.covered))).toBe(true);
      // minutes agree to the quantization wherever a site is within the threshold
      for (let k = 0; k < engine.table.minutes.length; k += 7) {
        if (engine.table.covered[k]) expect(Math.abs(page.table.minutes[k] - engine.table.minutes[k])).toBeLessThan(0.01);
      }
      const residents = sc.blocks.population.reduce((a, v) => a + v, 0);
      let served = 0;
      for (let k = 0; k < engine.table.covered.length; k++) if (engine.table.covered[k]) served += engine.table.residents[k];
      expect(page.summary.allServices).toBeCloseTo(served / (residents * S), 12);
    }
  });
});
