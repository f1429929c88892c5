/** The readable comparison printed by `quarterhour compare`: totals, coverage, access gained and lost, differences, blocks (English or Chinese). */
import { AGE_BANDS } from '../core/ageBands.ts';
import { bandLabel, padEnd, padStart, serviceLabel, tr, width } from '../i18n/cli.ts';
import type { Lang } from '../i18n/lang.ts';
import type { Scenario } from '../scenario/types.ts';
import type { AccessChange, Comparison, SpaceUse } from './types.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const int = (x: number) => Math.round(x).toLocaleString('en-US');

function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, c) => Math.max(width(h), ...rows.map((r) => width(r[c]))));
  const line = (r: string[]) => r.map((v, c) => (c === 0 ? padEnd(v, widths[c]) : padStart(v, widths[c]))).join('  ').trimEnd();
  return [line(head), '-'.repeat(width(line(head))), ...rows.map(line)];
}

function changeCell(c: { gained: number; lost: number }): string {
  const g = Math.round(c.gained);
  const l = Math.round(c.lost);
  if (g === 0 && l === 0) return '0';
  return [g ? `+${int(g)}` : '', l ? `-${int(l)}` : ''].filter(Boolean).join(' ');
}

function changeTable(sc: Scenario, changes: AccessChange[], title: string, lang: Lang): string[] {
  if (changes.length === 0) return [];
  const rows = sc.services.map((svc) => [serviceLabel(lang, svc), ...changes.map((c) => changeCell(c.byService[svc.id]))]);
  return ['', title, ...table([tr(lang, 'service', '服务'), ...changes.map((c) => c.plan)], rows)];
}

export function comparisonText(sc: Scenario, cmp: Comparison, lang: Lang = 'en'): string {
  const svcName = (id: string) => {
    const k = sc.serviceIndex.get(id);
    return k === undefined ? id : serviceLabel(lang, sc.services[k]);
  };
  const names = (ids: string[]) => ids.map(svcName).join(tr(lang, ', ', '、'));
  const spaces = (list: SpaceUse[]) => list.map((u) => tr(lang, `${u.candidate} ${u.name} (${names(u.services)})`, `${u.candidate} ${u.name}（${names(u.services)}）`));
  const labels = cmp.plans.map((p) => p.label);
  const residents = sc.blocks.population.reduce((a, v) => a + v, 0);
  const out = [tr(lang, `Plan comparison — ${sc.name} (${int(residents)} residents, seed ${sc.seed}): share of residents within each service's walking threshold`, `方案比较 — ${sc.name}（${int(residents)} 名居民，随机种子 ${sc.seed}）：各服务步行时限内的居民比例`), ''];
  out.push(
    ...table(
      tr(lang, 'plan|spaces|conversions|cost (元)|floor m²|budget|every basic|all services', '方案|空间数|改造项数|费用（元）|面积 m²|预算|全部基本保障|全部服务').split('|'),
      cmp.plans.map((p) => {
        const served = Object.values(p.residentsCovered).reduce((a, r) => a + r.all, 0) / (residents * sc.services.length || 1);
        return [p.label, String(p.totals.spaces), String(p.totals.conversions), int(p.totals.cost), int(p.totals.areaM2), p.withinBudget ? tr(lang, 'ok', '符合') : tr(lang, 'OVER', '超出'), pct(p.coverage.allBasic), pct(served)];
      }),
    ),
  );
  out.push(
    tr(
      lang,
      "every basic: residents with every basic service within reach; all services: resident x service pairs within reach, as a share of all such pairs. Both count residents, not trips: optimize's share is of weighted daily trips (trips x age weight), so the two differ for the same plan.",
      '全部基本保障：全部基本保障类服务均在步行时限内的居民比例；全部服务：步行时限内的（居民，服务）组合占全部组合的比例。两者都按居民计，不按出行计；optimize 给出的是加权日出行（出行次数 × 年龄权重）的比例，因此同一方案的两个数字不同。',
    ),
  );
  out.push('', tr(lang, 'Coverage by service (all ages)', '各服务覆盖（全体年龄）'));
  out.push(...table([tr(lang, 'service (threshold)', '服务（步行时限）'), ...labels], sc.services.map((svc) => [tr(lang, `${svc.id} (${svc.thresholdMin} min)`, `${serviceLabel(lang, svc)}（${svc.thresholdMin}分钟）`), ...cmp.plans.map((p) => pct(p.coverage.byService[svc.id].all))])));
  out.push('', tr(lang, 'Coverage by age band (all services)', '各年龄段覆盖（全部服务）'));
  out.push(...table([tr(lang, 'age band', '年龄段'), ...labels], AGE_BANDS.map((b) => [bandLabel(lang, b), ...cmp.plans.map((p) => pct(p.coverage.byAgeBand[b]))])));
  const first = cmp.plans[1].label;
  out.push(...changeTable(sc, cmp.changes.filter((c) => c.reference === 'today'), tr(lang, 'Residents gaining (+) or losing (-) access, vs today', '获得（+）或失去（-）可达的居民，相对现状'), lang));
  out.push(...changeTable(sc, cmp.changes.filter((c) => c.reference === first), tr(lang, `Residents gaining (+) or losing (-) access, vs ${first}`, `获得（+）或失去（-）可达的居民，相对 ${first}`), lang));
  for (const d of cmp.differences) {
    out.push('', tr(lang, `Where ${d.plan} differs from ${d.reference} (${d.same} space${d.same === 1 ? '' : 's'} used the same way)`, `${d.plan} 与 ${d.reference} 的不同之处（${d.same} 处空间用法相同）`));
    if (d.onlyInPlan.length + d.onlyInReference.length + d.differentServices.length === 0) out.push(tr(lang, '  no difference', '  无不同'));
    for (const s of spaces(d.onlyInPlan)) out.push(tr(lang, `  only in ${d.plan}: ${s}`, `  仅 ${d.plan}：${s}`));
    for (const s of spaces(d.onlyInReference)) out.push(tr(lang, `  only in ${d.reference}: ${s}`, `  仅 ${d.reference}：${s}`));
    for (const x of d.differentServices) out.push(`  ${x.candidate} ${x.name}: ${d.plan} ${names(x.plan)} / ${d.reference} ${names(x.reference)}`);
  }
  out.push(...blockText(sc, cmp, lang));
  return out.join('\n');
}

/** The blocks whose covered share differs most between the compared states (top 10). */
function blockText(sc: Scenario, cmp: Comparison, lang: Lang, limit = 10): string[] {
  const spread = (i: number) => {
    const v = cmp.plans.map((p) => p.blockShare[i]);
    return Math.max(...v) - Math.min(...v);
  };
  const order = Array.from({ length: sc.blocks.count }, (_, i) => i)
    .filter((i) => spread(i) > 1e-9)
    .sort((a, b) => spread(b) - spread(a) || a - b);
  const head = tr(lang, `Blocks whose coverage changes most (share of resident-service pairs covered; ${order.length} of ${sc.blocks.count} blocks change)`, `覆盖变化最大的地块（（居民，服务）组合的覆盖比例；${sc.blocks.count} 个地块中 ${order.length} 个有变化）`);
  if (order.length === 0) return ['', head];
  const rows = order.slice(0, limit).map((i) => [`${sc.blocks.ids[i]} ${sc.blocks.names[i]}`.slice(0, 40), String(sc.blocks.population[i]), ...cmp.plans.map((p) => pct(p.blockShare[i]))]);
  return ['', head, ...table([tr(lang, 'block', '地块'), tr(lang, 'residents', '居民'), ...cmp.plans.map((p) => p.label)], rows)];
}
