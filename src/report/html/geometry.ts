/** The map's blocks, facilities and conversions from the scenario (coordinates rounded to 6 decimals, about 0.1 m). */
import { N_AGE_BANDS } from '../../core/ageBands.ts';
import { planToJson } from '../../plan/io.ts';
import type { Plan } from '../../plan/types.ts';
import type { Scenario } from '../../scenario/types.ts';
import type { ReportBlock, ReportConversion, ReportFacility } from './data.ts';

export const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

export function reportBlocks(sc: Scenario): ReportBlock[] {
  const b = sc.blocks;
  return Array.from({ length: b.count }, (_, i) => ({
    id: b.ids[i],
    name: b.names[i],
    tag: b.tags[i],
    population: b.population[i],
    lon: r6(b.lon[i]),
    lat: r6(b.lat[i]),
    polygon: b.polygons[i] ? b.polygons[i]!.map((ring) => ring.map(([x, y]) => [r6(x), r6(y)])) : null,
  }));
}

export function reportFacilities(sc: Scenario): ReportFacility[] {
  const f = sc.facilities;
  return Array.from({ length: f.count }, (_, j) => ({
    id: f.ids[j],
    name: f.names[j],
    services: Array.from(f.serviceIndex.subarray(f.serviceOffsets[j], f.serviceOffsets[j + 1]), (s) => sc.services[s].id),
    lon: r6(f.lon[j]),
    lat: r6(f.lat[j]),
  }));
}

export function reportConversions(sc: Scenario, plan: Plan): ReportConversion[] {
  const doc = planToJson(sc, plan) as { conversions: { candidate: string; name: string; kind: string; services: string[]; area_m2_used: number; cost: number; lon: number; lat: number }[] };
  return doc.conversions.map((c) => ({ candidate: c.candidate, name: c.name, kind: c.kind, services: c.services, areaM2Used: c.area_m2_used, cost: c.cost, lon: r6(c.lon), lat: r6(c.lat) }));
}

/** Residents per cell (block x service x band): population x age share, 2 decimals. */
export function cellResidents(sc: Scenario): number[] {
  const S = sc.services.length;
  const out: number[] = [];
  for (let i = 0; i < sc.blocks.count; i++) {
    for (let s = 0; s < S; s++) {
      for (let b = 0; b < N_AGE_BANDS; b++) out.push(Math.round(sc.blocks.population[i] * sc.blocks.ageShares[i * N_AGE_BANDS + b] * 100) / 100);
    }
  }
  return out;
}
