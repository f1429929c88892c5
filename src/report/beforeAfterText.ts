/** A readable before/after table: for each service and age band, the covered share with the plan and its change from today. */
import { AGE_BANDS } from '../core/ageBands.ts';
import type { CoverageSummary } from '../coverage/residential.ts';
import type { ServiceDef } from '../scenario/types.ts';

const cell = (after: number, before: number) => {
  const d = (after - before) * 100;
  const delta = Math.abs(d) < 0.05 ? '' : `${d > 0 ? '+' : ''}${d.toFixed(1)}`;
  return `${(after * 100).toFixed(1)}${delta ? ` (${delta})` : ''}`.padStart(14);
};

export function beforeAfterText(services: ServiceDef[], before: CoverageSummary, after: CoverageSummary, title: string): string {
  const head = `${'service'.padEnd(16)}${AGE_BANDS.map((b) => b.padStart(14)).join('')}${'all'.padStart(14)}`;
  const lines = [title, head, '-'.repeat(head.length)];
  for (const s of services) {
    const a = after.byService[s.id];
    const b = before.byService[s.id];
    lines.push(`${s.id.padEnd(16)}${AGE_BANDS.map((band) => cell(a[band], b[band])).join('')}${cell(a.all, b.all)}`);
  }
  lines.push('-'.repeat(head.length));
  lines.push(`${'every basic'.padEnd(16)}${AGE_BANDS.map((band) => cell(after.allBasicByAgeBand[band], before.allBasicByAgeBand[band])).join('')}${cell(after.allBasic, before.allBasic)}`);
  return lines.join('\n');
}
