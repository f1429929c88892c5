import { describe, expect, it } from 'vitest';
import { isWalkable, walkExclusion } from '../../src/osm/walkable.ts';

describe('walkable ways', () => {
  it('accepts the pedestrian and street classes', () => {
    for (const hw of ['footway', 'path', 'pedestrian', 'steps', 'living_street', 'residential', 'service', 'tertiary', 'secondary', 'primary', 'unclassified', 'track']) {
      expect(isWalkable({ highway: hw }), hw).toBe(true);
    }
  });

  it('accepts a cycleway unless foot=no', () => {
    expect(isWalkable({ highway: 'cycleway' })).toBe(true);
    expect(walkExclusion({ highway: 'cycleway', foot: 'no' })).toBe('foot=no');
  });

  it('excludes motorways and trunks unless they allow feet or carry a sidewalk', () => {
    expect(walkExclusion({ highway: 'motorway' })).toBe('motorway-or-trunk');
    expect(walkExclusion({ highway: 'trunk_link' })).toBe('motorway-or-trunk');
    expect(isWalkable({ highway: 'trunk', foot: 'yes' })).toBe(true);
    expect(isWalkable({ highway: 'trunk', sidewalk: 'both' })).toBe(true);
    expect(isWalkable({ highway: 'trunk', sidewalk: 'separate' })).toBe(false);
  });

  it('excludes private or closed ways unless foot is allowed', () => {
    expect(walkExclusion({ highway: 'service', access: 'private' })).toBe('private-or-no-access');
    expect(walkExclusion({ highway: 'residential', access: 'no' })).toBe('private-or-no-access');
    expect(isWalkable({ highway: 'service', access: 'private', foot: 'yes' })).toBe(true);
    expect(isWalkable({ highway: 'service', access: 'no', foot: 'designated' })).toBe(true);
  });

  it('excludes foot=no and ways that are not highways', () => {
    expect(walkExclusion({ highway: 'residential', foot: 'no' })).toBe('foot=no');
    expect(walkExclusion({ building: 'yes' })).toBe('not-a-highway');
    expect(walkExclusion({ highway: 'construction' })).toBe('not-for-pedestrians');
    expect(walkExclusion({ highway: 'raceway' })).toBe('not-for-pedestrians');
  });
});
