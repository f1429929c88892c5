/**
 * What a report shows, as one plain JSON-able object embedded in the page: blocks, facilities, the
 * compared states (today, today plus a plan, or several plans) with per-cell access, conversions,
 * walking-radius areas and, for a comparison, where the plans differ.
 */
import type { AccessChange, PlanDifference } from '../../compare/types.ts';
import type { PlanTotals } from '../../plan/io.ts';

export interface ReportService {
  id: string;
  name: string;
  category: string;
  thresholdMin: number;
}

export interface ReportBlock {
  id: string;
  name: string;
  tag: string;
  population: number;
  lon: number;
  lat: number;
  /** Outline rings ([lon, lat]) when the scenario gives one. */
  polygon: number[][][] | null;
}

export interface ReportFacility {
  id: string;
  name: string;
  services: string[];
  lon: number;
  lat: number;
}

export interface ReportConversion {
  candidate: string;
  name: string;
  kind: string;
  services: string[];
  areaM2Used: number;
  cost: number;
  lon: number;
  lat: number;
}

/** The area within a service's threshold of a conversion at one age band's walking speed. */
export interface ReportIsochrone {
  candidate: string;
  service: string;
  band: string;
  /** Walking distance of the radius, metres. */
  metres: number;
  /** Polygon rings ([lon, lat]). */
  rings: number[][][];
}

export interface ReportState {
  label: string;
  /** Minutes to the nearest site, block x service x band row-major, 1 decimal; null when none within reach. */
  minutes: (number | null)[];
  /** '1'/'0' per cell, same layout: within the service's threshold. */
  covered: string;
  /** Share covered, by service id (all ages) and by age band (all services). */
  byService: Record<string, number>;
  byAgeBand: Record<string, number>;
  conversions: ReportConversion[];
  totals: PlanTotals | null;
  isochrones: ReportIsochrone[];
}

export interface ReportData {
  kind: 'run' | 'compare';
  title: string;
  scenario: string;
  seed: number;
  /** How the walking-radius areas were drawn. */
  isochroneNote: string;
  bands: string[];
  services: ReportService[];
  blocks: ReportBlock[];
  facilities: ReportFacility[];
  /** Residents per cell (block x service x band); the same for every state. */
  residents: number[];
  states: ReportState[];
  changes: AccessChange[];
  differences: PlanDifference[];
}
