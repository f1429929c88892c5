/** A readable before/after table: for each service and age band, the covered share with the plan and its change from today (English or Chinese). */
import { AGE_BANDS } from '../core/ageBands.ts';
import type { CoverageSummary } from '../coverage/residential.ts';
import { bandLabel, padEnd, padStart, serviceLabel, tr, width } from '../i18n/cli.ts';
import type { Lang } from '../i18n/lang.ts';
import type { ServiceDef } from '../scenario/types.ts';

const cell = (after: number, before: number) => {
  const d = (after - before) * 100;
  const delta = Math.abs(d) < 0.05 ? '' : `${d > 0 ? '+' : ''}${d.toFixed(1)}`;
  return `${(after * 100).toFixed(1)}${delta ? ` (${delta})` : ''}`.padStart(14);
};

export function beforeAfterText(services: ServiceDef[], before: CoverageSummary, after: CoverageSummary, title: string, lang: Lang = 'en'): string {
  const first = Math.max(16, ...services.map((s) => 2 + width(serviceLabel(lang, s))));
  const head = `${padEnd(tr(lang, 'service', '服务'), first)}${AGE_BANDS.map((b) => padStart(bandLabel(lang, b), 14)).join('')}${padStart(tr(lang, 'all', '全体'), 14)}`;
  const lines = [title, head, '-'.repeat(width(head))];
  for (const s of services) {
    const a = after.byService[s.id];
    const b = before.byService[s.id];
    lines.push(`${padEnd(serviceLabel(lang, s), first)}${AGE_BANDS.map((band) => cell(a[band], b[band])).join('')}${cell(a.all, b.all)}`);
  }
  lines.push('-'.repeat(width(head)));
  lines.push(`${padEnd(tr(lang, 'every basic', '全部基本保障类'), first)}${AGE_BANDS.map((band) => cell(after.allBasicByAgeBand[band], before.allBasicByAgeBand[band])).join('')}${cell(after.allBasic, before.allBasic)}`);
  return lines.join('\n');
}
