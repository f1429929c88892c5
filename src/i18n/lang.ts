/** The language of what people read: CLI tables and the HTML report. Files keep English ids always. */
import { InputError } from '../core/errors.ts';

export const LANGS = ['en', 'zh'] as const;
export type Lang = (typeof LANGS)[number];

/**
 * The language to use: `--lang` when given, else `zh` when LC_ALL, LC_MESSAGES or LANG (first set, in
 * that order, as POSIX does) starts with "zh", else `en`.
 */
export function resolveLang(flag: unknown, env: NodeJS.ProcessEnv = process.env): Lang {
  if (flag !== undefined) {
    const v = String(flag).trim().toLowerCase();
    if (v === 'en' || v === 'zh') return v;
    throw new InputError('command line', `--lang is '${String(flag)}', expected one of: en, zh`);
  }
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
