import { describe, expect, it } from 'vitest';
import { AreaIndex } from '../../src/osm/areaIndex.ts';
import { joinRings, pointInArea } from '../../src/osm/multipolygon.ts';

describe('multipolygon rings', () => {
  it('joins member ways end to end, reversing where needed', () => {
    expect(joinRings([[1, 2, 3], [1, 5, 4, 3]])).toEqual({ rings: [[1, 2, 3, 4, 5, 1]], open: 0 });
    expect(joinRings([[10, 11, 12, 10], [1, 2], [2, 3]])).toEqual({ rings: [[10, 11, 12, 10]], open: 1 });
  });

  it('leaves out the holes of a polygon', () => {
    const outer = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]];
    const hole = [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]];
    expect(pointInArea(1, 1, [[outer, hole]])).toBe(true);
    expect(pointInArea(5, 5, [[outer, hole]])).toBe(false);
  });

  it('finds the smallest area holding a point, also among areas too big for the grid', () => {
    const idx = new AreaIndex<string>();
    const sq = (x0: number, y0: number, d: number) => [[[[x0, y0], [x0 + d, y0], [x0 + d, y0 + d], [x0, y0 + d], [x0, y0]]]];
    idx.add(sq(0, 40, 5), 'region');
    idx.add(sq(1, 41, 0.05), 'town');
    expect(idx.find(1.01, 41.01)?.value).toBe('town');
    expect(idx.find(3, 43)?.value).toBe('region');
    expect(idx.find(9, 43)).toBeNull();
  });
});
