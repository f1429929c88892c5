import { describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simulate } from '../../src/simulate/simulate.ts';
import { writeSimulationOutputs } from '../../src/simulate/output.ts';
import type { SimulateOptions } from '../../src/simulate/types.ts';
import { town } from './fixtures.ts';

async function hashes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of fs.readdirSync(dir).sort()) out[f] = crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, f))).digest('hex');
  return out;
}

describe('determinism across threads', () => {
  it('writes byte-identical files with 1, 2 and 3 threads (this thread and its workers claiming shards)', async () => {
    const { scenario, matrix } = town();
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qh-sim-det-'));
    const opts: SimulateOptions = { choice: 'logit', plan: { conversions: [{ candidateIndex: 0, serviceIndices: [0, 2] }] }, shardResidents: 2500 };
    const one = await simulate(scenario, matrix, { ...opts, threads: 1 });
    const two = await simulate(scenario, matrix, { ...opts, threads: 2 });
    const three = await simulate(scenario, matrix, { ...opts, threads: 3 });
    expect(one.capacity.enabled).toBe(true);
    expect(one.trips.count).toBeGreaterThan(1000);
    for (const format of ['auto', 'csv', 'bin'] as const) {
      await writeSimulationOutputs(one, scenario, path.join(tmp, `one-${format}`), format);
      await writeSimulationOutputs(two, scenario, path.join(tmp, `two-${format}`), format);
      const a = await hashes(path.join(tmp, `one-${format}`));
      expect(Object.keys(a)).toContain({ auto: 'trips.parquet', csv: 'trips.csv', bin: 'trips.bin' }[format]);
      expect(await hashes(path.join(tmp, `two-${format}`))).toEqual(a);
    }
    expect(two.demand).toEqual(one.demand);
    await writeSimulationOutputs(three, scenario, path.join(tmp, 'three'));
    expect(await hashes(path.join(tmp, 'three'))).toEqual(await hashes(path.join(tmp, 'one-auto')));
    fs.rmSync(tmp, { recursive: true });
  }, 30_000);

  it('does not depend on how the blocks are cut into shards', async () => {
    const { scenario, matrix } = town();
    const a = await simulate(scenario, matrix, { shardResidents: 1000 });
    const b = await simulate(scenario, matrix, { shardResidents: 1e9 });
    expect(b.trips).toEqual(a.trips);
    expect(b.metrics).toEqual(a.metrics);
  });

  it('changes with the seed, and records it', async () => {
    const { scenario, matrix } = town();
    const a = await simulate(scenario, matrix);
    const b = await simulate(scenario, matrix, { seed: 100 });
    expect(a.metrics.seed).toBe(99);
    expect(b.metrics.seed).toBe(100);
    expect(b.trips.count).not.toBe(a.trips.count);
  });
});
