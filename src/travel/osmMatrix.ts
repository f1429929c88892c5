/**
 * The block x site walking-distance matrix of a scenario whose network is an OSM network.bin: blocks
 * and sites (facilities, then candidates) are snapped to the streets; those beyond the scenario's
 * snapping limit are named in the warnings and stay unreachable (empty row / never a column hit).
 */
import fs from 'node:fs';
import os from 'node:os';
import { readNetworkFile } from '../network/binary.ts';
import { networkDistanceMatrix, type NetworkMatrixStats } from '../network/distanceMatrix.ts';
import type { RoadNetwork } from '../network/network.ts';
import { farPointsWarning, SnapIndex, type SnapResult } from '../network/snap.ts';
import type { Pool } from '../parallel/pool.ts';
import type { Scenario } from '../scenario/types.ts';
import type { SparseDistanceMatrix } from './matrix.ts';
import { blockPoints, siteCatalogue } from './sites.ts';

export interface OsmMatrixOptions {
  /** Worker threads (default: 1 below 5,000 blocks, else all cores). */
  threads?: number;
  /** The job's worker pool, when threads > 1 (else one is made for the matrix and destroyed). */
  pool?: Pool;
}

export interface OsmTravelMatrix {
  matrix: SparseDistanceMatrix;
  warnings: string[];
  blocks: SnapResult;
  sites: SnapResult;
  stats: NetworkMatrixStats;
}

let cached: { key: string; net: RoadNetwork; index: SnapIndex } | null = null;

/** The network of a network.bin and its snap index, kept for the next call while the file is unchanged (batches reuse one network; the tour legs reuse the matrix's). */
export function loadIndexed(file: string): { net: RoadNetwork; index: SnapIndex } {
  let key = '';
  try {
    const st = fs.statSync(file);
    key = `${file}:${st.size}:${st.mtimeMs}`;
  } catch {
    // readNetworkFile names the missing file
  }
  if (cached && key !== '' && cached.key === key) return cached;
  const net = readNetworkFile(file);
  const index = new SnapIndex(net);
  cached = { key, net, index };
  return cached;
}

/** Rows = blocks, columns = sites; distances in metres along the network including the access walks. */
export async function osmTravelMatrix(sc: Scenario, cutoffM: number, opts: OsmMatrixOptions = {}): Promise<OsmTravelMatrix> {
  if (sc.network.kind !== 'osm') throw new Error(`osmTravelMatrix needs an OSM network, the scenario has '${sc.network.kind}'`);
  const { net, index } = loadIndexed(sc.network.file);
  const limit = sc.network.snapLimitM;
  const bp = blockPoints(sc);
  const sp = siteCatalogue(sc);
  const blocks = index.snapAll(bp.lon, bp.lat, limit);
  const sites = index.snapAll(sp.lon, sp.lat, limit);
  const warnings = [farPointsWarning('blocks', sc.blocks.ids, blocks), farPointsWarning('sites (facilities and candidates)', sp.ids, sites)].filter((w) => w !== '');
  const threads = opts.threads ?? (bp.count >= 5000 ? os.availableParallelism() : 1);
  const m = await networkDistanceMatrix(net, blocks, sites, cutoffM, { threads, pool: opts.pool });
  const { stats, ...matrix } = m;
  return { matrix, warnings, blocks, sites, stats };
}
