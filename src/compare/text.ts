/** The readable comparison printed by `quarterhour compare`: totals, coverage, access gained and lost, differences, blocks. */
import { AGE_BANDS } from '../core/ageBands.ts';
import type { Scenario } from '../scenario/types.ts';
import type { AccessChange, Comparison, SpaceUse } from './types.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const int = (x: number) => Math.round(x).toLocaleString('en-US');

function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((v, c) => (c === 0 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  ').trimEnd();
  return [line(head), '-'.repeat(line(head).length), ...rows.map(line)];
}

function changeCell(c: { gained: number; lost: number }): string {
  const g = Math.round(c.gained);
  const l = Math.round(c.lost);
  if (g === 0 && l === 0) return '0';
  return [g ? `+${int(g)}` : '', l ? `-${int(l)}` : ''].filter(Boolean).join(' ');
}

function changeTable(sc: Scenario, changes: AccessChange[], title: string): string[] {
  if (changes.length === 0) return [];
  const rows = sc.services.map((svc) => [svc.id, ...changes.map((c) => changeCell(c.byService[svc.id]))]);
  return ['', title, ...table(['service', ...changes.map((c) => c.plan)], rows)];
}

const spaces = (list: SpaceUse[]) => list.map((u) => `${u.candidate} ${u.name} (${u.services.join(', ')})`);

export function comparisonText(sc: Scenario, cmp: Comparison): string {
  const labels = cmp.plans.map((p) => p.label);
  const residents = sc.blocks.population.reduce((a, v) => a + v, 0);
  const out = [`Plan comparison — ${sc.name} (${int(residents)} residents, seed ${sc.seed}): share of residents within each service's walking threshold`, ''];
  out.push(
    ...table(
      ['plan', 'spaces', 'conversions', 'cost', 'floor m²', 'budget', 'every basic', 'all services'],
      cmp.plans.map((p) => {
        const served = Object.values(p.residentsCovered).reduce((a, r) => a + r.all, 0) / (residents * sc.services.length || 1);
        return [p.label, String(p.totals.spaces), String(p.totals.conversions), int(p.totals.cost), int(p.totals.areaM2), p.withinBudget ? 'ok' : 'OVER', pct(p.coverage.allBasic), pct(served)];
      }),
    ),
  );
  out.push('', 'Coverage by service (all ages)');
  out.push(...table(['service (threshold)', ...labels], sc.services.map((svc) => [`${svc.id} (${svc.thresholdMin} min)`, ...cmp.plans.map((p) => pct(p.coverage.byService[svc.id].all))])));
  out.push('', 'Coverage by age band (all services)');
  out.push(...table(['age band', ...labels], AGE_BANDS.map((b) => [b, ...cmp.plans.map((p) => pct(p.coverage.byAgeBand[b]))])));
  const first = cmp.plans[1].label;
  out.push(...changeTable(sc, cmp.changes.filter((c) => c.reference === 'today'), 'Residents gaining (+) or losing (-) access, vs today'));
  out.push(...changeTable(sc, cmp.changes.filter((c) => c.reference === first), `Residents gaining (+) or losing (-) access, vs ${first}`));
  for (const d of cmp.differences) {
    out.push('', `Where ${d.plan} differs from ${d.reference} (${d.same} space${d.same === 1 ? '' : 's'} used the same way)`);
    if (d.onlyInPlan.length + d.onlyInReference.length + d.differentServices.length === 0) out.push('  no difference');
    for (const s of spaces(d.onlyInPlan)) out.push(`  only in ${d.plan}: ${s}`);
    for (const s of spaces(d.onlyInReference)) out.push(`  only in ${d.reference}: ${s}`);
    for (const x of d.differentServices) out.push(`  ${x.candidate} ${x.name}: ${d.plan} ${x.plan.join(', ')} / ${d.reference} ${x.reference.join(', ')}`);
  }
  out.push(...blockText(sc, cmp));
  return out.join('\n');
}

/** The blocks whose covered share differs most between the compared states (top 10). */
function blockText(sc: Scenario, cmp: Comparison, limit = 10): string[] {
  const spread = (i: number) => {
    const v = cmp.plans.map((p) => p.blockShare[i]);
    return Math.max(...v) - Math.min(...v);
  };
  const order = Array.from({ length: sc.blocks.count }, (_, i) => i)
    .filter((i) => spread(i) > 1e-9)
    .sort((a, b) => spread(b) - spread(a) || a - b);
  const head = `Blocks whose coverage changes most (share of resident-service pairs covered; ${order.length} of ${sc.blocks.count} blocks change)`;
  if (order.length === 0) return ['', head];
  const rows = order.slice(0, limit).map((i) => [`${sc.blocks.ids[i]} ${sc.blocks.names[i]}`.slice(0, 40), String(sc.blocks.population[i]), ...cmp.plans.map((p) => pct(p.blockShare[i]))]);
  return ['', head, ...table(['block', 'residents', ...cmp.plans.map((p) => p.label)], rows)];
}
