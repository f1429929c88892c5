import { describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.ts';

const DEFAULT = 'scenarios/default';

function hashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fs.readdirSync(dir).sort()) out[f] = crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, f))).digest('hex');
  return out;
}

async function quiet<T>(f: () => Promise<T>): Promise<{ value: T; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const ow = process.stdout.write.bind(process.stdout);
  const ew = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((s: string) => (out.push(String(s)), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => (err.push(String(s)), true)) as typeof process.stderr.write;
  try {
    return { value: await f(), stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.stdout.write = ow;
    process.stderr.write = ew;
  }
}

describe('quarterhour simulate', () => {
  it('writes identical files for the default scenario with --threads 1 and --threads 2', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qh-sim-cli-'));
    const a = await quiet(() => main(['simulate', DEFAULT, '--threads', '1', '--out', path.join(tmp, 't1')]));
    const b = await quiet(() => main(['simulate', DEFAULT, '--threads', '2', '--out', path.join(tmp, 't2')]));
    expect(a.value, a.stderr).toBe(0);
    expect(b.value, b.stderr).toBe(0);
    const h1 = hashes(path.join(tmp, 't1'));
    expect(Object.keys(h1)).toEqual(['block_metrics.csv.gz', 'metrics.json', 'site_loads.csv.gz', 'trips.parquet']);
    expect(hashes(path.join(tmp, 't2'))).toEqual(h1);
    fs.rmSync(tmp, { recursive: true });
  }, 60_000);

  it('shows a planner old estates with more canteen, clinic and repair trips, new estates with more childcare and reading-room trips, and a smaller reach for the elderly', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qh-sim-cli-'));
    const r = await quiet(() => main(['simulate', DEFAULT, '--no-trips', '--no-capacity', '--json', '--out', path.join(tmp, 'o')]));
    expect(r.value, r.stderr).toBe(0);
    expect(fs.readdirSync(path.join(tmp, 'o')).sort()).toEqual(['block_metrics.csv.gz', 'metrics.json', 'site_loads.csv.gz']);
    const summary = JSON.parse(r.stdout);
    expect(summary.seed).toBeTypeOf('number');
    // elderly residents walk slower, so fewer of them reach every basic service within 15 minutes
    expect(summary.f15.byAgeBand['75+']).toBeLessThan(summary.f15.byAgeBand['35-59']);
    expect(summary.f15.byAgeBand['60-74']).toBeLessThan(summary.f15.byAgeBand['18-34']);
    // per-block demand is in block_metrics.csv only as totals; use the library for per-service demand
    const { loadScenario } = await import('../../src/scenario/load.ts');
    const { computeDistanceMatrix } = await import('../../src/travel/travelMatrix.ts');
    const { simulate } = await import('../../src/simulate/simulate.ts');
    const sc = await loadScenario(DEFAULT);
    const res = await simulate(sc, await computeDistanceMatrix(sc), { capacity: false });
    const nS = sc.services.length;
    const perResident = (tag: string, sid: string): number => {
      const s = sc.serviceIndex.get(sid)!;
      let trips = 0;
      let people = 0;
      for (let b = 0; b < sc.blocks.count; b++) {
        if (sc.blocks.tags[b] !== tag) continue;
        people += sc.blocks.population[b];
        for (let band = 0; band < 6; band++) trips += res.demand[(b * 6 + band) * nS + s];
      }
      return trips / people;
    };
    for (const sid of ['elder_canteen', 'clinic', 'repair']) expect(perResident('old estate', sid), sid).toBeGreaterThan(perResident('new estate', sid));
    for (const sid of ['childcare', 'fitness', 'reading_room']) expect(perResident('new estate', sid), sid).toBeGreaterThan(perResident('old estate', sid));
    fs.rmSync(tmp, { recursive: true });
  }, 60_000);

  it('exits 2 naming the plan file and field for an unknown candidate', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qh-sim-cli-'));
    const plan = path.join(tmp, 'plan.json');
    fs.writeFileSync(plan, JSON.stringify({ conversions: [{ candidate: 'NOPE', services: ['repair'] }] }));
    const r = await quiet(() => main(['simulate', DEFAULT, '--plan', plan, '--out', path.join(tmp, 'o')]));
    expect(r.value).toBe(2);
    expect(r.stderr).toContain(plan);
    expect(r.stderr).toContain("field 'candidate'");
    expect(fs.existsSync(path.join(tmp, 'o'))).toBe(false);
    fs.rmSync(tmp, { recursive: true });
  });

  it('exits 2 on an unknown choice model', async () => {
    const r = await quiet(() => main(['simulate', DEFAULT, '--choice', 'gravity']));
    expect(r.value).toBe(2);
    expect(r.stderr).toContain('--choice');
  });
});
