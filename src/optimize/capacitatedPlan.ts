/**
 * The capacitated mode of the living-circle model, scenario side: each option's capacity (its service's
 * visits per day, services.csv), the visits the optimizer assigned to each conversion (plan.json and
 * optimize.json `capacitated`), and after the plan's simulated day, the simulator's loads on the
 * converted spaces set against what the optimizer assumed.
 */
import type { Scenario } from '../scenario/types.ts';
import type { SiteLoad } from '../simulate/types.ts';
import type { SitingModel } from './sitingModel.ts';
import { capacitatedTableHeader, capacitatedTableTitle } from '../i18n/capacitated.ts';
import { none, padEnd, padStart } from '../i18n/cli.ts';
import type { Lang } from '../i18n/lang.ts';

/** One conversion's service as the optimizer assumed it: visits per day assigned, and the capacity. */
export interface AssignedService {
  candidate: string;
  service: string;
  /** Expected visits per day assigned (unweighted), rounded to 0.001. */
  assignedVisits: number;
  /** The service's capacity, visits per day (null: uncapacitated). */
  capacity: number | null;
}

export interface CapacitatedRecord {
  /** 'visits per day, unweighted': what the assignment and the capacities count. */
  unit: 'visits/day';
  assigned: AssignedService[];
}

/** One converted space: what the optimizer assumed and what the simulated day loaded on it. */
export interface LoadComparison {
  candidate: string;
  services: string[];
  assumedVisits: number;
  simulatedVisits: number | null;
  capacity: number | null;
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** Capacity of each option: its service's capacity (Infinity when the service has none). */
export function optionCapacities(sc: Scenario, m: SitingModel): Float64Array {
  return Float64Array.from(m.optionService, (s) => (Number.isFinite(sc.services[s].capacity) ? sc.services[s].capacity : Infinity));
}

/** The assigned visits of the open options, in option order. */
export function capacitatedRecord(sc: Scenario, m: SitingModel, selected: number[], optionLoad: Float64Array): CapacitatedRecord {
  const assigned = [...selected].sort((a, b) => a - b).map((k) => {
    const cap = sc.services[m.optionService[k]].capacity;
    return { candidate: sc.candidates.ids[m.optionCandidate[k]], service: sc.services[m.optionService[k]].id, assignedVisits: r3(optionLoad[k]), capacity: Number.isFinite(cap) ? cap : null };
  });
  return { unit: 'visits/day', assigned };
}

/** Per converted space: the optimizer's assumed visits (summed over its services) against the simulated load. */
export function compareLoads(record: CapacitatedRecord, siteLoads: SiteLoad[]): LoadComparison[] {
  const bySpace = new Map<string, LoadComparison>();
  for (const a of record.assigned) {
    let row = bySpace.get(a.candidate);
    if (!row) {
      row = { candidate: a.candidate, services: [], assumedVisits: 0, simulatedVisits: null, capacity: 0 };
      bySpace.set(a.candidate, row);
    }
    row.services.push(a.service);
    row.assumedVisits = r3(row.assumedVisits + a.assignedVisits);
    row.capacity = a.capacity === null || row.capacity === null ? null : row.capacity + a.capacity;
  }
  for (const s of siteLoads) {
    const row = s.kind === 'candidate' ? bySpace.get(s.id) : undefined;
    if (row) row.simulatedVisits = r3(s.load);
  }
  return [...bySpace.values()];
}

/** The comparison as text lines (padded by display width, so Chinese lines up too). */
export function loadComparisonLines(rows: LoadComparison[], lang: Lang = 'en'): string[] {
  const f = (v: number | null) => (v === null ? none(lang) : v.toLocaleString('en-US', { maximumFractionDigits: 1 }));
  const [space, services, assumed, simulated, capacity] = capacitatedTableHeader(lang);
  const line = (a: string, b: string, c: string, d: string, e: string) => `${padEnd(a, 11)} ${padEnd(b, 30)} ${padStart(c, 8)} ${padStart(d, 10)} ${padStart(e, 9)}`;
  const lines = [capacitatedTableTitle(lang), line(space, services, assumed, simulated, capacity)];
  for (const r of rows) lines.push(line(r.candidate, r.services.join(' + '), f(r.assumedVisits), f(r.simulatedVisits), f(r.capacity)));
  return lines;
}
