/**
 * The portfolio part of a batch report (a batch over several scenarios, e.g. the circles of
 * `generate --circles`): circles ranked by gain per 元, and the distribution of their coverage before
 * and after. A circle's coverage is the share of resident-service pairs within threshold (the mean of
 * its per-service coverage columns); its gain is the resident-service pairs the plan brings within
 * threshold, residents x services x (coverage with the plan - coverage today); gain per 元 is the gain
 * over the plan's cost. A circle with several runs (seeds, budgets) gets the mean of its runs' gains
 * over the mean of their costs. A plan that costs nothing has no gain per 元 and ranks last.
 */
import { AGE_BANDS } from '../../core/ageBands.ts';

export interface PortfolioRank {
  scenario: string;
  runs: number;
  residents: number;
  coverageToday: number;
  coveragePlan: number;
  /** Resident-service pairs gained (mean over the circle's runs). */
  gain: number;
  planCost: number;
  /** Pairs gained per 10,000 元; null when the plan costs nothing. */
  gainPer10k: number | null;
}

export interface PortfolioSummary {
  circles: number;
  services: string[];
  ranking: PortfolioRank[];
  /** Circles per coverage band of 10 points, today and with the plan. */
  distribution: { bins: string[]; today: number[]; plan: number[] };
}

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

export function portfolioSummary(header: string[], ok: Record<string, string>[]): PortfolioSummary | null {
  const scenarios = [...new Set(ok.map((r) => r.scenario))];
  if (scenarios.length < 2) return null;
  const skip = new Set<string>([...AGE_BANDS, 'every_basic']);
  const services = header.filter((c) => c.startsWith('coverage_today_') && !skip.has(c.slice('coverage_today_'.length)) && header.includes(`coverage_plan_${c.slice('coverage_today_'.length)}`)).map((c) => c.slice('coverage_today_'.length));
  if (services.length === 0) return null;
  // a run without a plan keeps today's coverage
  const cell = (r: Record<string, string>, state: 'today' | 'plan', s: string) => Number(state === 'plan' && r[`coverage_plan_${s}`] === '' ? r[`coverage_today_${s}`] : r[`coverage_${state}_${s}`]) || 0;
  const mean = (r: Record<string, string>, state: 'today' | 'plan') => services.reduce((a, s) => a + cell(r, state, s), 0) / services.length;
  const ranking: PortfolioRank[] = scenarios.map((scenario) => {
    const runs = ok.filter((r) => r.scenario === scenario);
    const avg = (f: (r: Record<string, string>) => number) => runs.reduce((a, r) => a + f(r), 0) / runs.length;
    const residents = avg((r) => Number(r.residents) || 0);
    const today = avg((r) => mean(r, 'today'));
    const plan = avg((r) => mean(r, 'plan'));
    const gain = avg((r) => (Number(r.residents) || 0) * services.length * (mean(r, 'plan') - mean(r, 'today')));
    const planCost = avg((r) => Number(r.plan_cost) || 0);
    return { scenario, runs: runs.length, residents: Math.round(residents), coverageToday: r4(today), coveragePlan: r4(plan), gain: Math.round(gain * 10) / 10, planCost: Math.round(planCost), gainPer10k: planCost > 0 ? r4((gain / planCost) * 10_000) : null };
  });
  ranking.sort((a, b) => (b.gainPer10k ?? -1) - (a.gainPer10k ?? -1) || (a.scenario < b.scenario ? -1 : 1));
  const bins = Array.from({ length: 10 }, (_, i) => `${i * 10}-${i * 10 + 10}%`);
  const count = (f: (r: PortfolioRank) => number) => {
    const c = new Array<number>(10).fill(0);
    for (const r of ranking) c[Math.min(9, Math.floor(f(r) * 10))]++;
    return c;
  };
  return { circles: ranking.length, services, ranking, distribution: { bins, today: count((r) => r.coverageToday), plan: count((r) => r.coveragePlan) } };
}
