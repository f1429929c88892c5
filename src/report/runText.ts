/**
 * The text a run prints: coverage today, the plan (with what its objective counts and which limits bind),
 * coverage with the plan, the simulated day before and after, and the capacity warnings; English or Chinese.
 */
import { capacityWarnings, type RunSummary } from '../jobs/summary.ts';
import { count, gapText, kindLabel, num, pct, serviceLabel, statusText, tr, yuan } from '../i18n/cli.ts';
import type { Lang } from '../i18n/lang.ts';
import type { PlanExplanation } from '../plan/explanation.ts';
import type { Plan } from '../plan/types.ts';
import type { Scenario } from '../scenario/types.ts';
import { beforeAfterText } from './beforeAfterText.ts';
import { coverageText } from './coverageText.ts';

/** What the objective counts: the weighted-demand headline, split into existing facilities and the plan. */
export function objectiveLine(lang: Lang, e: PlanExplanation['objective'], objective: number): string {
  const share = (x: number) => pct(lang, e.totalWeight > 0 ? x / e.totalWeight : null);
  return tr(
    lang,
    `Weighted demand (simulated daily trips x age weight) within reach: ${num(lang, objective)} of ${num(lang, e.totalWeight)} = ${share(objective)}; existing facilities ${num(lang, e.preCoveredWeight)} (${share(e.preCoveredWeight)}), added by the plan ${num(lang, e.addedByPlan)}`,
    `加权需求（模拟日出行次数 × 年龄权重）可达：${num(lang, objective)} / ${num(lang, e.totalWeight)} = ${share(objective)}；现有设施 ${num(lang, e.preCoveredWeight)}（${share(e.preCoveredWeight)}），方案新增 ${num(lang, e.addedByPlan)}`,
  );
}

const CONSTRAINT_ZH: Record<string, string> = { max_conversions: '改造数量上限', max_cost: '费用上限', floor_area: '面积', min_count: '最少数量', equity_age_band: '年龄段公平底线', equity_block: '地块公平底线' };

/** The binding limits, with the measured worth of relaxing each. */
export function bindingLine(lang: Lang, sc: Scenario, e: PlanExplanation): string | null {
  const bind = e.constraints.filter((c) => c.binding);
  if (!bind.length) return null;
  const step = (c: PlanExplanation['constraints'][number]) => {
    if ((c.shadowValue === null && !c.shadowRange) || !c.step) return '';
    const s = lang === 'zh' ? { 'one more conversion': '多改造 1 项', 'dropping every minimum count': '取消全部最少数量要求' }[c.step] ?? c.step.replace('more', '追加') : c.step;
    // a bracket (not solved exactly) reads as a range
    const v = c.shadowValue !== null ? num(lang, c.shadowValue) : `${num(lang, c.shadowRange!.low)}–${num(lang, c.shadowRange!.high)}`;
    return tr(lang, ` (${s}: +${v})`, `（${s}：+${v}）`);
  };
  const name = (c: PlanExplanation['constraints'][number]) => {
    const svc = c.service ? sc.services[sc.serviceIndex.get(c.service) ?? -1] : undefined;
    const base = lang === 'zh' ? CONSTRAINT_ZH[c.name] ?? c.name : c.name;
    return svc ? `${base} ${serviceLabel(lang, svc)}` : base;
  };
  return tr(lang, 'Binding limits: ', '起约束作用的限制：') + bind.map((c) => `${name(c)}${step(c)}`).join(tr(lang, ', ', '，'));
}

export function runText(sc: Scenario, summary: RunSummary, plan: Plan | null, lang: Lang = 'en', explanation?: PlanExplanation): string {
  const title = tr(lang, `Coverage today — ${sc.name} (${summary.residents} residents, seed ${sc.seed}): share of residents within each service's walking threshold`, `现状覆盖 — ${sc.name}（${summary.residents} 名居民，随机种子 ${sc.seed}）：各服务步行时限内的居民比例`);
  const parts = [coverageText(sc.services, summary.today.coverage, title, lang)];
  const { optimize, withPlan, plan: totals } = summary;
  if (plan && optimize && withPlan && totals) {
    const { solver } = optimize;
    const conversions = plan.conversions.map((c) => {
      const j = c.candidateIndex;
      const svcs = c.serviceIndices.map((s) => serviceLabel(lang, sc.services[s])).join(' + ');
      return tr(lang, `  ${sc.candidates.ids[j]} ${sc.candidates.kinds[j]} (${sc.candidates.areaM2[j]} m²) -> ${svcs}`, `  ${sc.candidates.ids[j]} ${kindLabel(lang, sc.candidates.kinds[j])}（${sc.candidates.areaM2[j]} m²）-> ${svcs}`);
    });
    const head = tr(
      lang,
      `Plan: ${count(lang, totals.conversions, 'conversion', '')} in ${count(lang, totals.spaces, 'idle space', '')}, cost ${yuan(lang, totals.cost)}, ${totals.areaM2} m² (solver ${solver.solver}: ${solver.status}, gap ${gapText(lang, solver.gap)})`,
      `方案：在 ${totals.spaces} 处闲置空间改造 ${totals.conversions} 项，费用 ${yuan(lang, totals.cost)}，${totals.areaM2} m²（求解器 ${solver.solver}：${statusText(lang, solver.status)}，间隙 ${gapText(lang, solver.gap)}）`,
    );
    const lines = [head, ...conversions];
    if (explanation) {
      lines.push(objectiveLine(lang, explanation.objective, solver.objective));
      const b = bindingLine(lang, sc, explanation);
      if (b) lines.push(b);
    }
    parts.push(lines.join('\n'));
    parts.push(beforeAfterText(sc.services, summary.today.coverage, withPlan.coverage, tr(lang, 'Coverage with the plan (share of residents; change from today, percentage points)', '实施方案后的覆盖（居民比例；括号内为较现状变化，百分点）'), lang));
    const [a, b] = [summary.today.simulated, withPlan.simulated];
    parts.push(tr(lang, `Simulated day: trips within threshold ${pct(lang, a.withinShare)} -> ${pct(lang, b.withinShare)}, F15 ${pct(lang, a.f15)} -> ${pct(lang, b.f15)}`, `模拟一日：时限内出行 ${pct(lang, a.withinShare)} -> ${pct(lang, b.withinShare)}，F15 ${pct(lang, a.f15)} -> ${pct(lang, b.f15)}`));
  }
  const warn = [...capacityWarnings('today', summary.today.simulated.capacity, lang), ...(withPlan ? capacityWarnings('with the plan', withPlan.simulated.capacity, lang) : [])];
  if (warn.length) parts.push(warn.map((w) => `${tr(lang, 'warning: ', '警告：')}${w}`).join('\n'));
  return parts.join('\n\n');
}
