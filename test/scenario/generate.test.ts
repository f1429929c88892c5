import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { N_AGE_BANDS } from '../../src/core/ageBands.ts';
import { generateCity } from '../../src/scenario/generate.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { writeScenario } from '../../src/scenario/write.ts';
import { tempDir } from '../helpers/fixtures.ts';

function hashDir(dir: string): string {
  const h = crypto.createHash('sha256');
  for (const f of fs.readdirSync(dir).sort()) h.update(f).update(fs.readFileSync(path.join(dir, f)));
  return h.digest('hex');
}

describe('generateCity', () => {
  it('writes byte-identical files for the same seed and different ones for another seed', async () => {
    const a = path.join(tempDir(), 'a');
    const b = path.join(tempDir(), 'b');
    const c = path.join(tempDir(), 'c');
    await writeScenario(a, await generateCity({ residents: 20000, seed: 3, name: 'x' }));
    await writeScenario(b, await generateCity({ residents: 20000, seed: 3, name: 'x' }));
    await writeScenario(c, await generateCity({ residents: 20000, seed: 4, name: 'x' }));
    expect(hashDir(a)).toBe(hashDir(b));
    expect(hashDir(a)).not.toBe(hashDir(c));
  });

  it('keeps the exact resident total and writes a scenario that loads back unchanged', async () => {
    const sc = await generateCity({ residents: 61_234, seed: 11, name: 'round-trip' });
    expect(sc.blocks.population.reduce((s, v) => s + v, 0)).toBe(61_234);
    const dir = path.join(tempDir(), 'rt');
    await writeScenario(dir, sc);
    const back = await loadScenario(dir);
    expect(back.blocks.population).toEqual(sc.blocks.population);
    expect(back.blocks.lon).toEqual(sc.blocks.lon);
    expect(back.facilities.serviceIndex).toEqual(sc.facilities.serviceIndex);
    expect(back.candidates.allowedIndex).toEqual(sc.candidates.allowedIndex);
    expect(back.budget).toEqual(sc.budget);
    expect(back.behaviour.tripsPerDay).toEqual(sc.behaviour.tripsPerDay);
  });

  it('makes a default-sized district of 100-200 blocks with 60-120 idle spaces, old and new estates', async () => {
    const sc = await generateCity({ residents: 60_000, seed: 2026 });
    expect(sc.blocks.count).toBeGreaterThanOrEqual(100);
    expect(sc.blocks.count).toBeLessThanOrEqual(200);
    expect(sc.candidates.count).toBeGreaterThanOrEqual(60);
    expect(sc.candidates.count).toBeLessThanOrEqual(120);
    const seniorShare = (i: number) => sc.blocks.ageShares[i * N_AGE_BANDS + 4] + sc.blocks.ageShares[i * N_AGE_BANDS + 5];
    const old = sc.blocks.tags.flatMap((t, i) => (t === 'old estate' ? [i] : []));
    const young = sc.blocks.tags.flatMap((t, i) => (t === 'new estate' ? [i] : []));
    expect(old.length).toBeGreaterThan(10);
    expect(young.length).toBeGreaterThan(10);
    for (const i of old) {
      expect(seniorShare(i)).toBeGreaterThanOrEqual(0.249);
      expect(seniorShare(i)).toBeLessThanOrEqual(0.351);
    }
    const kiosks = sc.candidates.kinds.filter((k) => k === 'testing-kiosk').length;
    expect(kiosks).toBeGreaterThanOrEqual(3);
    for (let j = 0; j < sc.candidates.count; j++) {
      if (sc.candidates.kinds[j] === 'testing-kiosk') {
        expect(sc.candidates.areaM2[j]).toBeGreaterThanOrEqual(4);
        expect(sc.candidates.areaM2[j]).toBeLessThanOrEqual(8);
      }
    }
  });

  it('spreads the residents over the number of blocks asked for, keeping the area, facilities and idle spaces', async () => {
    const base = await generateCity({ residents: 20_000, seed: 5 });
    const many = await generateCity({ residents: 20_000, seed: 5, blocks: 500 });
    expect(base.blocks.count).toBe(50);
    expect(many.blocks.count).toBe(500);
    expect(many.blocks.population.reduce((s, v) => s + v, 0)).toBe(20_000);
    expect(Math.min(...many.blocks.population)).toBeGreaterThan(0);
    expect(many.candidates.count).toBe(base.candidates.count);
    expect(Math.abs(many.facilities.count - base.facilities.count)).toBeLessThanOrEqual(base.facilities.count * 0.2);
    const span = (sc: typeof base) => Math.max(...sc.blocks.lon) - Math.min(...sc.blocks.lon);
    expect(span(many)).toBeCloseTo(span(base), 2);
    const same = await generateCity({ residents: 20_000, seed: 5, blocks: 50 });
    expect(same.blocks.lon).toEqual(base.blocks.lon);
    expect(same.facilities.ids).toEqual(base.facilities.ids);
    await expect(generateCity({ residents: 10, seed: 5, blocks: 11 })).rejects.toThrow(/blocks/);
  });

  it('writes a million-resident city in seconds', async () => {
    const t0 = performance.now();
    const sc = await generateCity({ residents: 1_000_000, seed: 7 });
    await writeScenario(path.join(tempDir(), 'big'), sc);
    expect(sc.blocks.population.reduce((s, v) => s + v, 0)).toBe(1_000_000);
    expect(performance.now() - t0).toBeLessThan(20_000);
  });
});
