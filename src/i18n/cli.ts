/**
 * The words of the CLI's tables and lines (run, simulate, optimize, compare, locate), in English and
 * Chinese. Service, age-band and space-kind names come from terms.ts; ids in files stay English.
 * Every number is printed finite: a missing one reads "none" (无).
 */
import type { Lang } from './lang.ts';
import { ageBandName, candidateKindName, serviceName } from './terms.ts';

/** "1 conversion", "2 conversions"; Chinese has no plural ("1 项改造"). */
export function count(lang: Lang, n: number, en: string, zh: string, enPlural = `${en}s`): string {
  return lang === 'zh' ? `${n} ${zh}` : `${n} ${n === 1 ? en : enPlural}`;
}

/** 0.1234 -> "12.3%"; null or non-finite -> "none" / "无". */
export function pct(lang: Lang, x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined || !Number.isFinite(x) ? none(lang) : `${(x * 100).toFixed(digits)}%`;
}

export function none(lang: Lang): string {
  return lang === 'zh' ? '无' : 'none';
}

/** The solver's relative gap, 0-1 -> "0.000%"; null -> "none". */
export function gapText(lang: Lang, gap: number | null | undefined, digits = 3): string {
  return pct(lang, gap, digits);
}

/** A number, grouped ("1,965,500"); non-finite -> "none". */
export function num(lang: Lang, x: number | null | undefined, maxDigits = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return none(lang);
  return x.toLocaleString('en-US', { maximumFractionDigits: maxDigits });
}

/** Money: "1,965,500 元" (CNY) in both languages. */
export function yuan(lang: Lang, x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? none(lang) : `${Math.round(x).toLocaleString('en-US')} 元`;
}

/** Pick the string of `lang`. */
export function tr(lang: Lang, en: string, zh: string): string {
  return lang === 'zh' ? zh : en;
}

/** Solver statuses in words. */
const STATUS_ZH: Record<string, string> = { optimal: '已证明最优', 'time-limit': '达到时限（未证明最优）', feasible: '可行（未证明最优）', infeasible: '无可行方案', error: '出错' };

export function statusText(lang: Lang, status: string): string {
  return lang === 'zh' ? STATUS_ZH[status] ?? status : status;
}

/**
 * Display width of a string in a monospace terminal: CJK characters and full-width forms take two
 * columns. Tables pad by it so that Chinese columns line up.
 */
export function width(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) ? 2 : 1;
  }
  return w;
}

export function padEnd(s: string, n: number): string {
  return s + ' '.repeat(Math.max(0, n - width(s)));
}

export function padStart(s: string, n: number): string {
  return ' '.repeat(Math.max(0, n - width(s))) + s;
}

/** A service's label in tables: its id in English (as the files spell it), its Chinese name in Chinese. */
export function serviceLabel(lang: Lang, svc: { id: string; name: string; nameZh?: string }): string {
  return lang === 'en' ? svc.id : serviceName('zh', svc.id, svc.name, svc.nameZh);
}

/** An age band's label in tables ('60-74' / '60–74岁'). */
export function bandLabel(lang: Lang, band: string): string {
  return ageBandName(lang, band);
}

/** An idle-space kind's label. */
export function kindLabel(lang: Lang, kind: string): string {
  return candidateKindName(lang, kind);
}
