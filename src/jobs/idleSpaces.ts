/**
 * Plain warnings when a scenario's idle spaces cannot do much: fewer spaces than the budget's
 * conversions, or fewer spaces than the services that leave residents out of reach today (each space
 * can host at most a few services, so most gaps must stay open). `run` logs them, adds them (in
 * English) to summary.json's `warnings` and prints them under its text in the user's language.
 */
import type { CoverageSummary } from '../coverage/residential.ts';
import { fewerThanBudgetText, fewerThanGapsText } from '../i18n/idleSpaces.ts';
import type { Lang } from '../i18n/lang.ts';
import { serviceName } from '../i18n/terms.ts';
import type { Scenario } from '../scenario/types.ts';

export function idleSpaceWarnings(sc: Scenario, today: CoverageSummary, lang: Lang = 'en'): string[] {
  const n = sc.candidates.count;
  const out: string[] = [];
  const budget = sc.budget.maxConversions;
  if (budget !== undefined && n < budget) out.push(fewerThanBudgetText(lang, n, budget));
  const gaps = sc.services.filter((s) => (today.byService[s.id]?.all ?? 0) < 0.9999);
  if (n < gaps.length) out.push(fewerThanGapsText(lang, n, gaps.map((s) => (lang === 'en' ? s.id : serviceName(lang, s.id, s.name)))));
  return out;
}
