import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { haversineM as haversine } from '../../src/network/geo.ts';
import { euclideanDistanceMatrix } from '../../src/travel/euclidean.ts';
import { matrixGet } from '../../src/travel/matrix.ts';

describe('euclideanDistanceMatrix', () => {
  it('holds exactly the pairs within the cutoff, at straight-line distance x detour', () => {
    const rng = seedrandom('euclid');
    const pts = (n: number) => ({ count: n, lon: Float64Array.from({ length: n }, () => 120 + rng() * 0.03), lat: Float64Array.from({ length: n }, () => 30 + rng() * 0.03) });
    const o = pts(40);
    const t = pts(60);
    const m = euclideanDistanceMatrix(o, t, 1.3, 1200);
    let pairs = 0;
    for (let i = 0; i < o.count; i++) {
      for (let j = 0; j < t.count; j++) {
        const d = haversine(o.lon[i], o.lat[i], t.lon[j], t.lat[j]) * 1.3;
        if (d <= 1200) {
          pairs++;
          expect(matrixGet(m, i, j)).toBeCloseTo(d, 6);
        } else expect(matrixGet(m, i, j)).toBe(Infinity);
      }
    }
    expect(m.index.length).toBe(pairs);
    expect(pairs).toBeGreaterThan(100);
  });
});
