/** A readable text table of coverage shares: services as rows, age bands as columns (English or Chinese). */
import { AGE_BANDS } from '../core/ageBands.ts';
import type { CoverageSummary } from '../coverage/residential.ts';
import { bandLabel, padEnd, padStart, serviceLabel, tr, width } from '../i18n/cli.ts';
import type { Lang } from '../i18n/lang.ts';
import type { ServiceDef } from '../scenario/types.ts';

const pct = (x: number, w: number) => padStart(`${(x * 100).toFixed(1)}%`, w);

export function coverageText(services: ServiceDef[], s: CoverageSummary, title: string, lang: Lang = 'en'): string {
  const label = (svc: ServiceDef) => tr(lang, `${svc.id} (${svc.thresholdMin} min)`, `${serviceLabel(lang, svc)}（${svc.thresholdMin}分钟）`);
  const first = Math.max(30, ...services.map((svc) => 2 + width(label(svc))));
  const bandW = lang === 'zh' ? 11 : 7;
  const head = `${padEnd(tr(lang, 'service (threshold)', '服务（步行时限）'), first)}${AGE_BANDS.map((b) => padStart(bandLabel(lang, b), bandW)).join('')}${padStart(tr(lang, 'all', '全体'), bandW + 1)}`;
  const lines = [title, head, '-'.repeat(width(head))];
  for (const svc of services) {
    const row = s.byService[svc.id];
    lines.push(`${padEnd(label(svc), first)}${AGE_BANDS.map((b) => pct(row[b], bandW)).join('')} ${pct(row.all, bandW)}`);
  }
  lines.push('-'.repeat(width(head)));
  lines.push(`${padEnd(tr(lang, 'all services', '全部服务'), first)}${AGE_BANDS.map((b) => pct(s.byAgeBand[b], bandW)).join('')}`);
  lines.push(`${padEnd(tr(lang, 'every basic service', '全部基本保障类服务'), first)}${AGE_BANDS.map((b) => pct(s.allBasicByAgeBand[b], bandW)).join('')} ${pct(s.allBasic, bandW)}`);
  return lines.join('\n');
}
