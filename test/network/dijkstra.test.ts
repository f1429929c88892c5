import { describe, expect, it } from 'vitest';
import { DijkstraScratch } from '../../src/network/dijkstra.ts';
import { asciiNetwork, RIVER_CITY } from '../fixtures/network/asciiCity.ts';

describe('shortest paths in the river city', async () => {
  const g = await asciiNetwork(RIVER_CITY);
  const from = (letter: string, cutoff = Infinity) => {
    const s = new DijkstraScratch(g.network);
    s.run([g.node(letter)], [0], cutoff);
    return (to: string) => s.dist[g.node(to)];
  };

  it('walks along the streets on the same bank', () => {
    const a = from('A');
    expect(a('B')).toBeCloseTo(200, 1);
    const d = from('D');
    expect(d('E')).toBeCloseTo(200, 1);
  });

  it('crosses the river only by the footbridge', () => {
    const a = from('A');
    // A -> 100 south -> 100 east -> 100 over the bridge -> 100 south -> 100 west = D at 500 m (300 m as the crow flies).
    expect(a('C')).toBeCloseTo(400, 1);
    expect(a('D')).toBeCloseTo(500, 1);
    // H is 100 m west of the bridge's south end, but along the motorway, which is closed to walkers: 600 m round by D.
    expect(a('H')).toBeCloseTo(600, 1);
    expect(a('E')).toBeCloseTo(500, 1);
    expect(from('B')('D')).toBeCloseTo(500, 1);
  });

  it('is symmetric on an undirected network', () => {
    for (const [p, q] of [['A', 'D'], ['B', 'C'], ['E', 'A']]) expect(from(p)(q)).toBeCloseTo(from(q)(p), 6);
  });

  it('stops at the cutoff and leaves farther nodes unreached', () => {
    const a = from('A', 450);
    expect(a('C')).toBeCloseTo(400, 1);
    expect(a('D')).toBe(Infinity);
    expect(a('E')).toBe(Infinity);
  });

  it('takes the better of several sources with their starting offsets', () => {
    const s = new DijkstraScratch(g.network);
    s.run([g.node('A'), g.node('E')], [0, 150], Infinity);
    expect(s.dist[g.node('D')]).toBeCloseTo(350, 1);
    expect(s.dist[g.node('B')]).toBeCloseTo(200, 1);
  });

  it('gives the same answers when its scratch arrays are reused', () => {
    const s = new DijkstraScratch(g.network);
    const fresh = Array.from(g.network.lon, (_, u) => {
      const t = new DijkstraScratch(g.network);
      t.run([u], [0], 350);
      return Array.from(t.dist);
    });
    for (let u = 0; u < g.network.nodeCount; u++) {
      s.run([u], [0], 350);
      expect(Array.from(s.dist)).toEqual(fresh[u]);
    }
  });
});
