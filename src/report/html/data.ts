/**
 * What a report shows, as one plain JSON-able object embedded in the page: blocks, facilities, the
 * compared states (today, today plus a plan, or several plans) with per-cell access, conversions,
 * walking-radius areas and, for a comparison, where the plans differ.
 */
import type { AccessChange, PlanDifference } from '../../compare/types.ts';
import type { ReportStrings } from '../../i18n/report.ts';
import type { Lang } from '../../i18n/lang.ts';
import type { PlanTotals } from '../../plan/io.ts';
import type { QuantizedColumn } from './compact.ts';

export interface ReportService {
  id: string;
  name: string;
  category: string;
  thresholdMin: number;
  /** The name in the report's language (terms.ts in Chinese). */
  label: string;
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
  /** The walk of the service's threshold at the band's speed, metres (what the tooltip states). */
  metres: number;
  /** The straight-line radius of the circle drawn (walk ÷ detour factor), metres; null for a network isochrone. */
  radiusM: number | null;
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
  /** A big report's cells (compact.ts), with `minutes` empty and `covered` '': metres to the nearest site per block x service, covered bits per cell. */
  compact?: { nearest: QuantizedColumn; covered: string } | null;
  /** plan.json's `explanation` block as written (src/plan/explanation.ts), for a run's plan; null when absent. */
  explanation: unknown;
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
  /** The language of the page, its words (src/i18n/report.ts), age band and idle-space kind names in it. */
  lang: Lang;
  strings: ReportStrings;
  bandNames: string[];
  kindNames: Record<string, string>;
  /** Every line of summary.json's `warnings` (a run), shown in the warnings panel. */
  warnings: string[];
  /** The walking network of an OSM scenario, simplified; null without one. */
  streets: ReportStreets | null;
  /** What the what-if panel needs (a run's report); null otherwise. */
  whatIf: WhatIfData | null;
  /**
   * A big report (compact.ts, more than COMPACT_BLOCKS blocks): blocks and facilities as columns, with
   * `blocks`, `facilities` and `residents` empty; drawn on a canvas. Absent (or null) otherwise.
   */
  compact?: ReportCompact | null;
}

export interface ReportCompact {
  /** Walking speed of each age band, m/s (a state's minutes = metres / speed / 60). */
  speeds: number[];
  blocks: {
    count: number;
    ids: string[];
    names: string[];
    tags: { values: string[]; index: string };
    /** base64 Int32Array. */
    population: string;
    /** blocks x 6, exact. */
    ageShares: QuantizedColumn;
    /** base64 Int32Array: lon, lat in microdegrees. */
    lonLat: string;
    /** Outlines: block i has rings blockRings[i] .. blockRings[i+1], ring r points ringPoints[r] .. ringPoints[r+1] of lonLat (Int32 microdegrees); null when no block has one. */
    polygons: { blockRings: string; ringPoints: string; lonLat: string } | null;
  };
  facilities: {
    count: number;
    ids: string[];
    names: string[];
    /** base64 Int32Array: facility j offers services serviceIndex[serviceOffsets[j] .. serviceOffsets[j+1]). */
    serviceOffsets: string;
    serviceIndex: string;
    lonLat: string;
  };
}

/** The walking network drawn under the map (streets.ts). */
export interface ReportStreets {
  /** Number of polylines. */
  count: number;
  /** Walkable length of the network, km (1 decimal). */
  lengthKm: number;
  /** base64 Uint32Array: line k is points offsets[k] .. offsets[k+1). */
  offsets: string;
  /** base64 Int32Array: lon, lat of each point in millionths of a degree. */
  lonLat: string;
}

/** What the what-if panel needs (whatif.ts). */
export interface WhatIfOption {
  /** Service index (the catalogue's order). */
  service: number;
  areaM2: number;
  cost: number;
}

export interface WhatIfSpace {
  id: string;
  name: string;
  kind: string;
  kindName: string;
  lon: number;
  lat: number;
  areaM2: number;
  options: WhatIfOption[];
}

export interface WhatIfData {
  speeds: number[];
  thresholds: number[];
  basic: boolean[];
  population: number[];
  /** base64 Float64Array, blocks x 6. */
  ageShares: string;
  /** base64 Float64Array, blocks x services: metres to today's nearest site, -1 when none within reach. */
  nearest: string;
  spaces: WhatIfSpace[];
  /** Blocks within reach of space c: blocks[offsets[c] .. offsets[c+1]) with their metres (base64 Int32Array, Int32Array, Float64Array). */
  reach: { offsets: string; blocks: string; metres: string; cutoffM: number };
  /** The plan the panel starts from (space index, service indices). */
  initial: { space: number; services: number[] }[];
  budget: { maxConversions: number | null; maxCost: number | null };
  /**
   * A big report (compact.ts): spaces as columns (`spaces` empty), today's nearest and the reach metres
   * quantized (`nearest`, `reach.metres` ''), population and age shares those of ReportData.compact.blocks
   * (`population` empty, `ageShares` ''), and only the block x space pairs nearer than today's nearest
   * site of a service that fits the space and within that service's threshold at the fastest band (the
   * others change no covered flag; the what-if minutes then count a new site only within that
   * distance); `reach.blocks` holds, within each space, each block index minus the previous one.
   */
  compact?: WhatIfCompact | null;
}

export interface WhatIfCompact {
  nearest: QuantizedColumn;
  reachMetres: QuantizedColumn;
  spaces: {
    count: number;
    ids: string[];
    names: string[];
    kinds: { values: string[]; index: string };
    lonLat: string;
    areaM2: QuantizedColumn;
    /** Space c's options are optionOffsets[c] .. optionOffsets[c+1] (Int32) of optionService (Int32), optionArea, optionCost. */
    optionOffsets: string;
    optionService: string;
    optionArea: QuantizedColumn;
    optionCost: QuantizedColumn;
  };
  /** Pairs within reach before keeping only those that change something. */
  pairsWithinReach: number;
}
