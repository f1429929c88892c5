/**
 * Which OSM ways a pedestrian may use. A highway is walkable when its class carries pedestrians (or is
 * a cycleway without foot=no), unless foot=no; motorways and trunks only with foot=yes or a sidewalk
 * on the way itself; access=private/no only with foot=yes/designated/permissive.
 */
import type { Tags } from './read.ts';

/** Highway classes a pedestrian may walk on by default. */
export const FOOT_HIGHWAYS: ReadonlySet<string> = new Set([
  'footway', 'path', 'pedestrian', 'steps', 'living_street', 'residential', 'service', 'unclassified', 'road', 'track',
  'tertiary', 'tertiary_link', 'secondary', 'secondary_link', 'primary', 'primary_link', 'cycleway', 'bridleway',
  'corridor', 'crossing', 'elevator', 'platform',
]);

/** Highway classes closed to pedestrians unless the way says otherwise. */
export const MOTOR_ONLY_HIGHWAYS: ReadonlySet<string> = new Set(['motorway', 'motorway_link', 'trunk', 'trunk_link']);

const FOOT_ALLOWED = new Set(['yes', 'designated', 'permissive', 'official', 'destination']);
const CLOSED_ACCESS = new Set(['private', 'no']);
const SIDEWALK_ON_WAY = new Set(['yes', 'both', 'left', 'right']);

/** Why a way is not walkable, or null when it is. */
export type WalkExclusion = 'not-a-highway' | 'not-for-pedestrians' | 'motorway-or-trunk' | 'foot=no' | 'private-or-no-access' | null;

export function walkExclusion(tags: Tags): WalkExclusion {
  const hw = tags.highway;
  if (hw === undefined) return 'not-a-highway';
  const foot = tags.foot;
  if (foot === 'no' || foot === 'private' || foot === 'use_sidepath') return 'foot=no';
  const footAllowed = foot !== undefined && FOOT_ALLOWED.has(foot);
  if (MOTOR_ONLY_HIGHWAYS.has(hw)) {
    const sidewalk = tags.sidewalk ?? tags['sidewalk:both'];
    if (!footAllowed && !(sidewalk !== undefined && SIDEWALK_ON_WAY.has(sidewalk)) && tags['sidewalk:left'] !== 'yes' && tags['sidewalk:right'] !== 'yes') return 'motorway-or-trunk';
  } else if (!FOOT_HIGHWAYS.has(hw) && !footAllowed) {
    return 'not-for-pedestrians';
  }
  const access = tags.access;
  if (access !== undefined && CLOSED_ACCESS.has(access) && !footAllowed) return 'private-or-no-access';
  return null;
}

export function isWalkable(tags: Tags): boolean {
  return walkExclusion(tags) === null;
}
