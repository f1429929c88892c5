/**
 * The what-if panel's coverage (client/coverage.js, run here in Node on the data the report embeds)
 * against the engine's (src/coverage/static.ts, and compare's all-services share) on the default
 * scenario: the same covered flags and minutes in every cell, the same shares, for random plans.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { residentsCovered } from '../../../src/compare/residents.ts';
import { staticCoverage } from '../../../src/coverage/static.ts';
import type { Plan } from '../../../src/plan/types.ts';
import type { WhatIfData } from '../../../src/report/html/data.ts';
import { whatIfData } from '../../../src/report/html/whatif.ts';
import { loadScenario } from '../../../src/scenario/load.ts';
import { computeDistanceMatrix } from '../../../src/travel/travelMatrix.ts';
import { REPO } from '../../helpers/fixtures.ts';

interface ClientModel { S: number }
interface ClientTable { minutes: Float64Array; covered: Uint8Array }
interface ClientSummary { byService: number[][]; byAgeBand: number[]; allBasic: number; allServices: number }
interface Client {
  model(w: WhatIfData): ClientModel;
  evaluate(m: ClientModel, plan: { space: number; services: number[] }[]): { table: ClientTable; summary: ClientSummary };
}

/** The page's coverage.js after load.js (its base64 decoder), as the browser runs them in one script. */
function loadClient(): Client {
  const code = ['load.js', 'coverage.js'].map((f) => fs.readFileSync(path.join(REPO, 'src/report/html/client', f), 'utf8')).join('\n');
  return new Function(`${code}\nreturn QHCoverage;`)() as Client;
}

/** A seeded generator (mulberry32), so the random plans are the same every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the what-if coverage in the page', () => {
  it('gives the engine\'s coverage, cell by cell and share by share, for random plans on the default scenario', async () => {
    const sc = await loadScenario(path.join(REPO, 'scenarios/default'));
    const matrix = await computeDistanceMatrix(sc);
    // through JSON, as the page reads it
    const w = JSON.parse(JSON.stringify(whatIfData(sc, matrix, null, 'en'))) as WhatIfData;
    const client = loadClient();
    const m = client.model(w);
    const next = random(2026);
    const residents = sc.blocks.population.reduce((a, v) => a + v, 0);
    for (let trial = 0; trial < 8; trial++) {
      const conversions: Plan['conversions'] = [];
      for (let c = 0; c < sc.candidates.count; c++) {
        if (next() > 0.1 * (trial + 1)) continue;
        const allowed = Array.from(sc.candidates.allowedIndex.subarray(sc.candidates.allowedOffsets[c], sc.candidates.allowedOffsets[c + 1]));
        const services = allowed.filter(() => next() < 0.3);
        if (services.length) conversions.push({ candidateIndex: c, serviceIndices: services });
      }
      const engine = staticCoverage(sc, matrix, { conversions });
      const page = client.evaluate(m, conversions.map((c) => ({ space: c.candidateIndex, services: c.serviceIndices })));
      expect(Buffer.from(page.table.covered).equals(Buffer.from(engine.table.covered))).toBe(true);
      expect(Array.from(page.table.minutes)).toEqual(Array.from(engine.table.minutes));
      sc.services.forEach((svc, s) => expect(page.summary.byService[s][6]).toBeCloseTo(engine.summary.byService[svc.id].all, 4));
      expect(page.summary.byAgeBand.map((x) => Math.round(x * 1e4) / 1e4)).toEqual(Object.values(engine.summary.byAgeBand));
      expect(Math.round(page.summary.allBasic * 1e4) / 1e4).toBe(engine.summary.allBasic);
      // compare's all-services share: residents covered over residents x services
      const served = Object.values(residentsCovered(sc, engine.table)).reduce((a, r) => a + r.all, 0) / (residents * sc.services.length);
      expect(page.summary.allServices).toBeCloseTo(served, 6);
    }
  }, 60_000);
});
