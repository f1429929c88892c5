import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { haversineM as haversine } from '../../src/network/geo.ts';
import { euclideanDistanceMatrix, euclideanRows, joinRows } from '../../src/travel/euclidean.ts';
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

  it('finds the pairs of points far north of the first origin too (a degree of longitude shrinks with latitude)', () => {
    // the first origin on the equator, the second at 60 degrees north with a target 1,500 m east of it
    const east = 1500 / haversine(0, 60, 1, 60); // degrees of longitude for 1,500 m at 60 N
    const o = { count: 2, lon: Float64Array.of(0, 10), lat: Float64Array.of(0, 60) };
    const t = { count: 1, lon: Float64Array.of(10 + east), lat: Float64Array.of(60) };
    const m = euclideanDistanceMatrix(o, t, 1, 2000);
    expect(matrixGet(m, 1, 0)).toBe(haversine(10, 60, 10 + east, 60)); // about 1,500 m
    expect(matrixGet(m, 0, 0)).toBe(Infinity);
  });

  it('gives each pair exactly the haversine distance x detour, columns ascending', () => {
    const rng = seedrandom('exact');
    const pts = (n: number) => ({ count: n, lon: Float64Array.from({ length: n }, () => 120 + rng() * 0.2), lat: Float64Array.from({ length: n }, () => 30 + rng() * 0.2) });
    const o = pts(300);
    const t = pts(400);
    const m = euclideanDistanceMatrix(o, t, 1.25, 2500);
    for (let i = 0; i < o.count; i++) {
      for (let p = m.offsets[i]; p < m.offsets[i + 1]; p++) {
        if (p > m.offsets[i]) expect(m.index[p]).toBeGreaterThan(m.index[p - 1]);
        expect(m.metres[p]).toBe(haversine(o.lon[i], o.lat[i], t.lon[m.index[p]], t.lat[m.index[p]]) * 1.25);
      }
    }
  });

  it('gives the same matrix however its rows are cut', () => {
    const rng = seedrandom('cut');
    const pts = (n: number) => ({ count: n, lon: Float64Array.from({ length: n }, () => 116 + rng() * 0.1), lat: Float64Array.from({ length: n }, () => 40 + rng() * 0.1) });
    const o = pts(200);
    const t = pts(150);
    const whole = euclideanDistanceMatrix(o, t, 1.3, 1800);
    const cut = joinRows([euclideanRows(o, t, 1.3, 1800, 0, 7), euclideanRows(o, t, 1.3, 1800, 7, 7), euclideanRows(o, t, 1.3, 1800, 7, 200)], o.count, t.count, 1800);
    expect(cut).toEqual(whole);
    expect(euclideanDistanceMatrix(o, { count: 0, lon: new Float64Array(0), lat: new Float64Array(0) }, 1.3, 1800).index.length).toBe(0);
  });
});
