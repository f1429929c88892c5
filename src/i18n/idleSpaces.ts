/** The lines `run` prints when a scenario has too few idle spaces (src/jobs/idleSpaces.ts), in English and Chinese. */
import { tr } from './cli.ts';
import type { Lang } from './lang.ts';

export function fewerThanBudgetText(lang: Lang, spaces: number, budget: number): string {
  return tr(
    lang,
    `only ${spaces} idle space${spaces === 1 ? '' : 's'} for a budget of ${budget} conversions: the plan cannot use its budget; add idle spaces (candidates) to the scenario`,
    `闲置空间仅 ${spaces} 处，而预算允许改造 ${budget} 项：方案用不完预算；请在情景中补充闲置空间（候选点）`,
  );
}

export function fewerThanGapsText(lang: Lang, spaces: number, services: string[]): string {
  return tr(
    lang,
    `only ${spaces} idle space${spaces === 1 ? '' : 's'} for ${services.length} services that leave residents out of reach today (${services.join(', ')}): most of these gaps stay open whatever the plan; add idle spaces (candidates) to the scenario`,
    `闲置空间仅 ${spaces} 处，而现状有 ${services.length} 项服务未覆盖全部居民（${services.join('、')}）：无论方案如何，多数缺口仍会存在；请在情景中补充闲置空间（候选点）`,
  );
}

export const warningLabel = (lang: Lang): string => tr(lang, 'warning: ', '警告：');
