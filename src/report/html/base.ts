/** The parts of a report that come from the scenario alone, in the report's language. */
import { AGE_BANDS } from '../../core/ageBands.ts';
import type { Lang } from '../../i18n/lang.ts';
import { bigReportStrings } from '../../i18n/bigReport.ts';
import { reportStrings } from '../../i18n/report.ts';
import { ageBandName, CANDIDATE_KIND_ZH, candidateKindName, serviceName } from '../../i18n/terms.ts';
import type { Scenario } from '../../scenario/types.ts';
import { isCompact } from './compact.ts';
import { compactBase } from './compactBase.ts';
import type { ReportData } from './data.ts';
import { cellResidents, reportBlocks, reportFacilities } from './geometry.ts';
import { isochroneNote } from './isochrones.ts';
import { reportStreets } from './streets.ts';

export type ReportBase = Omit<ReportData, 'states' | 'changes' | 'differences' | 'warnings' | 'whatIf'>;

/** Blocks, facilities and cell residents: objects for a small report, columns for a big one (compact.ts). */
function places(sc: Scenario): Pick<ReportData, 'blocks' | 'facilities' | 'residents' | 'compact'> {
  if (isCompact(sc)) return { blocks: [], facilities: [], residents: [], compact: compactBase(sc) };
  return { blocks: reportBlocks(sc), facilities: reportFacilities(sc), residents: cellResidents(sc) };
}

export function reportBase(sc: Scenario, kind: ReportData['kind'], title: string, lang: Lang = 'en'): ReportBase {
  const kinds = new Set([...sc.candidates.kinds, ...Object.keys(CANDIDATE_KIND_ZH)]);
  return {
    kind,
    title,
    scenario: sc.name,
    seed: sc.seed,
    isochroneNote: isochroneNote(sc, lang),
    bands: [...AGE_BANDS],
    services: sc.services.map((s) => ({ id: s.id, name: s.name, category: s.category, thresholdMin: s.thresholdMin, label: serviceName(lang, s.id, s.name) })),
    ...places(sc),
    lang,
    strings: { ...reportStrings(lang), ...bigReportStrings(lang) },
    bandNames: AGE_BANDS.map((b) => ageBandName(lang, b)),
    kindNames: Object.fromEntries([...kinds].sort().map((k) => [k, candidateKindName(lang, k)])),
    streets: reportStreets(sc),
  };
}
