/**
 * Golden outputs: the hashes of the files a fixed small town writes. A change in the model, the
 * random streams (seedrandom) or the formats shows up here. After an intended change, regenerate:
 *   QUARTERHOUR_REGENERATE_GOLDEN=1 npx vitest run test/simulate/golden.test.ts
 */
import { describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { simulate } from '../../src/simulate/simulate.ts';
import { writeSimulationOutputs } from '../../src/simulate/output.ts';
import { town } from './fixtures.ts';

const GOLDEN = fileURLToPath(new URL('./golden/town.json', import.meta.url));
const REGENERATE = process.env.QUARTERHOUR_REGENERATE_GOLDEN === '1';

describe('golden simulation outputs', () => {
  it('writes the same files for the small town as when the golden hashes were recorded', async () => {
    const { scenario, matrix } = town();
    const result = await simulate(scenario, matrix, { choice: 'logit', plan: { conversions: [{ candidateIndex: 0, serviceIndices: [0, 2] }] } });
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qh-sim-golden-')), 'out');
    await writeSimulationOutputs(result, scenario, dir, 'csv', { format: 'csv' }); // plain CSV: the hashes are of the values, whatever the default format
    const hashes: Record<string, string> = {};
    for (const f of fs.readdirSync(dir).sort()) hashes[f] = crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, f))).digest('hex');
    const summary = { trips: result.trips.count, withinShare: result.metrics.withinShare.overall, f15: result.metrics.f15.overall, hashes };
    if (REGENERATE) {
      fs.mkdirSync(path.dirname(GOLDEN), { recursive: true });
      fs.writeFileSync(GOLDEN, `${JSON.stringify(summary, null, 2)}\n`);
    }
    expect(fs.existsSync(GOLDEN), `${GOLDEN} is missing: run with QUARTERHOUR_REGENERATE_GOLDEN=1`).toBe(true);
    expect(summary).toEqual(JSON.parse(fs.readFileSync(GOLDEN, 'utf8')));
    fs.rmSync(path.dirname(dir), { recursive: true });
  });
});
