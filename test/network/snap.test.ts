import { describe, expect, it } from 'vitest';
import { haversineM } from '../../src/network/geo.ts';
import { farPointsWarning, SnapIndex } from '../../src/network/snap.ts';
import { asciiNetwork, COL_M, RIVER_CITY, ROW_M } from '../fixtures/network/asciiCity.ts';

describe('snapping points to the nearest street', async () => {
  const g = await asciiNetwork(RIVER_CITY);
  const index = new SnapIndex(g.network);
  const net = g.network;
  /** lon/lat at metres east/south of A. */
  const at = (east: number, south: number) => g.city.lonLat(south / ROW_M, east / COL_M);

  it('projects a point onto the middle of a street, with its access walk', () => {
    const [lon, lat] = at(50, -30); // 30 m north of the street A-B, 50 m east of A
    const hit = index.snap(lon, lat)!;
    expect(hit).not.toBeNull();
    const e = hit.edge;
    const ends = [net.edgeFrom[e], net.edgeTo[e]].sort();
    expect(ends).toEqual([g.node('A'), g.network.targets[g.network.offsets[g.node('A')]]].sort());
    expect(hit.accessM).toBeCloseTo(30, 1);
    const fromA = net.edgeFrom[e] === g.node('A') ? hit.offsetM : net.edgeLength[e] - hit.offsetM;
    expect(fromA).toBeCloseTo(50, 1);
    const [alon, alat] = at(50, 0);
    expect(haversineM(hit.lon, hit.lat, alon, alat)).toBeLessThan(0.01);
  });

  it('picks the nearer of two parallel streets, not the nearer junction', () => {
    // 60 m south of A-B at x = 100 m: the junction N1 is 60 m away, the street A-...-H (x = 0) is 100 m away,
    // the street N1-M1 (x = 100) is 0 m away.
    const [lon, lat] = at(95, 60);
    const hit = index.snap(lon, lat)!;
    expect(hit.accessM).toBeCloseTo(5, 1);
  });

  it('snaps a point on a long street to the street itself, far from either end', () => {
    const [lon, lat] = at(150, 340); // 40 m south of the street D-E, midway between its junctions
    const hit = index.snap(lon, lat)!;
    expect(hit.accessM).toBeCloseTo(40, 1);
  });

  it('leaves points beyond the limit unsnapped and names them in a warning', () => {
    const pts = [at(50, -30), at(50, -500), at(1000, 150)];
    const res = index.snapAll(pts.map((p) => p[0]), pts.map((p) => p[1]), 300);
    expect(Array.from(res.edge.map((e) => (e >= 0 ? 1 : 0)))).toEqual([1, 0, 0]);
    expect(res.far).toEqual([1, 2]);
    expect(Number.isNaN(res.lon[1])).toBe(true);
    const msg = farPointsWarning('blocks', ['b-near', 'b-north', 'b-east'], res);
    expect(msg).toBe('2 of 3 blocks are farther than 300 m from any street and stay unreachable: b-north, b-east');
    expect(farPointsWarning('blocks', ['x'], index.snapAll([pts[0][0]], [pts[0][1]]))).toBe('');
  });

  it('respects a custom limit', () => {
    const [lon, lat] = at(50, -30);
    expect(index.snap(lon, lat, 20)).toBeNull();
    expect(index.snap(lon, lat, 31)).not.toBeNull();
  });

  it('does not snap non-numeric coordinates', () => {
    expect(index.snap(NaN, 43.7)).toBeNull();
  });
});
