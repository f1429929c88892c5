/** The parts of a report that come from the scenario alone. */
import { AGE_BANDS } from '../../core/ageBands.ts';
import type { Scenario } from '../../scenario/types.ts';
import type { ReportData } from './data.ts';
import { cellResidents, reportBlocks, reportFacilities } from './geometry.ts';
import { isochroneNote } from './isochrones.ts';

export function reportBase(sc: Scenario, kind: ReportData['kind'], title: string): Omit<ReportData, 'states' | 'changes' | 'differences'> {
  return {
    kind,
    title,
    scenario: sc.name,
    seed: sc.seed,
    isochroneNote: isochroneNote(sc),
    bands: [...AGE_BANDS],
    services: sc.services.map((s) => ({ id: s.id, name: s.name, category: s.category, thresholdMin: s.thresholdMin })),
    blocks: reportBlocks(sc),
    facilities: reportFacilities(sc),
    residents: cellResidents(sc),
  };
}
