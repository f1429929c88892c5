/** The words of the capacitated mode's comparison table (run --capacitated), in English and Chinese. */
import type { Lang } from './lang.ts';

export function capacitatedTableTitle(lang: Lang): string {
  return lang === 'zh'
    ? '容量约束方案：优化器为每项改造分配的日访问量，与实施方案后的模拟日对照'
    : 'Capacitated plan: visits per day the optimizer assigned to each conversion, against the simulated day with the plan';
}

/** Column headers: space, services, assumed, simulated, capacity. */
export function capacitatedTableHeader(lang: Lang): [string, string, string, string, string] {
  return lang === 'zh' ? ['空间', '服务', '优化假设', '模拟', '容量'] : ['space', 'services', 'assumed', 'simulated', 'capacity'];
}
