/** The compact form (compact.ts) of a big report's blocks and facilities, from the scenario. */
import type { Scenario } from '../../scenario/types.ts';
import { dictColumn, exactColumn, lonLatColumn } from './compact.ts';
import type { ReportCompact } from './data.ts';
import { typedToBase64 } from './typed.ts';

function polygonColumns(sc: Scenario): ReportCompact['blocks']['polygons'] {
  const polys = sc.blocks.polygons;
  if (!polys.some((p) => p)) return null;
  const blockRings = new Int32Array(sc.blocks.count + 1);
  const ringPoints: number[] = [0];
  const lon: number[] = [];
  const lat: number[] = [];
  for (let i = 0; i < sc.blocks.count; i++) {
    for (const ring of polys[i] ?? []) {
      for (const [x, y] of ring) {
        lon.push(x);
        lat.push(y);
      }
      ringPoints.push(lon.length);
    }
    blockRings[i + 1] = ringPoints.length - 1;
  }
  return { blockRings: typedToBase64(blockRings), ringPoints: typedToBase64(Int32Array.from(ringPoints)), lonLat: lonLatColumn(lon, lat) };
}

export function compactBase(sc: Scenario): ReportCompact {
  const b = sc.blocks;
  const f = sc.facilities;
  return {
    speeds: Array.from(sc.behaviour.speedMps),
    blocks: {
      count: b.count,
      ids: b.ids.slice(0, b.count),
      names: b.names.slice(0, b.count),
      tags: dictColumn(b.tags.slice(0, b.count)),
      population: typedToBase64(Int32Array.from(b.population.subarray(0, b.count))),
      ageShares: exactColumn(b.ageShares.subarray(0, b.count * 6)),
      lonLat: lonLatColumn(b.lon, b.lat),
      polygons: polygonColumns(sc),
    },
    facilities: {
      count: f.count,
      ids: f.ids.slice(0, f.count),
      names: f.names.slice(0, f.count),
      serviceOffsets: typedToBase64(Int32Array.from(f.serviceOffsets.subarray(0, f.count + 1))),
      serviceIndex: typedToBase64(Int32Array.from(f.serviceIndex.subarray(0, f.serviceOffsets[f.count]))),
      lonLat: lonLatColumn(f.lon.subarray(0, f.count), f.lat.subarray(0, f.count)),
    },
  };
}
