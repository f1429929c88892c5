/** A readable text table of coverage shares: services as rows, age bands as columns. */
import { AGE_BANDS } from '../core/ageBands.ts';
import type { CoverageSummary } from '../coverage/residential.ts';
import type { ServiceDef } from '../scenario/types.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);

export function coverageText(services: ServiceDef[], s: CoverageSummary, title: string): string {
  const head = `${'service (threshold)'.padEnd(30)}${AGE_BANDS.map((b) => b.padStart(7)).join('')}${'all'.padStart(8)}`;
  const lines = [title, head, '-'.repeat(head.length)];
  for (const svc of services) {
    const row = s.byService[svc.id];
    lines.push(`${`${svc.id} (${svc.thresholdMin} min)`.padEnd(30)}${AGE_BANDS.map((b) => pct(row[b])).join('')} ${pct(row.all)}`);
  }
  lines.push('-'.repeat(head.length));
  lines.push(`${'all services'.padEnd(30)}${AGE_BANDS.map((b) => pct(s.byAgeBand[b])).join('')}`);
  lines.push(`${'every basic service'.padEnd(30)}${AGE_BANDS.map((b) => pct(s.allBasicByAgeBand[b])).join('')} ${pct(s.allBasic)}`);
  return lines.join('\n');
}
