/** The text a run prints: coverage today, the plan, coverage with the plan, and the simulated day before and after. */
import type { RunSummary } from '../jobs/summary.ts';
import type { Plan } from '../plan/types.ts';
import type { Scenario } from '../scenario/types.ts';
import { beforeAfterText } from './beforeAfterText.ts';
import { coverageText } from './coverageText.ts';

const pct = (x: number | null) => `${((x ?? 0) * 100).toFixed(1)}%`;

export function runText(sc: Scenario, summary: RunSummary, plan: Plan | null): string {
  const parts = [coverageText(sc.services, summary.today.coverage, `Coverage today — ${sc.name} (${summary.residents} residents, seed ${sc.seed}): share of residents within each service's walking threshold`)];
  const { optimize, withPlan, plan: totals } = summary;
  if (plan && optimize && withPlan && totals) {
    const { solver } = optimize;
    const conversions = plan.conversions.map((c) => `  ${sc.candidates.ids[c.candidateIndex]} ${sc.candidates.kinds[c.candidateIndex]} (${sc.candidates.areaM2[c.candidateIndex]} m²) -> ${c.serviceIndices.map((s) => sc.services[s].id).join(' + ')}`);
    parts.push([`Plan: ${totals.conversions} conversions in ${totals.spaces} idle spaces, cost ${totals.cost}, ${totals.areaM2} m² (solver ${solver.solver}: ${solver.status}, gap ${(solver.gap * 100).toFixed(3)}%)`, ...conversions].join('\n'));
    parts.push(beforeAfterText(sc.services, summary.today.coverage, withPlan.coverage, 'Coverage with the plan (change from today, percentage points)'));
    const [a, b] = [summary.today.simulated, withPlan.simulated];
    parts.push(`Simulated day: trips within threshold ${pct(a.withinShare)} -> ${pct(b.withinShare)}, F15 ${pct(a.f15)} -> ${pct(b.f15)}`);
  }
  return parts.join('\n\n');
}
