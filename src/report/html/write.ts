/** `quarterhour report`: build the report data from a results folder and write the HTML file atomically. */
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../../core/errors.ts';
import type { Lang } from '../../i18n/lang.ts';
import { writeFileAtomic } from '../../io/atomic.ts';
import type { ReportData } from './data.ts';
import { batchReportHtml } from './batchPage.ts';
import { batchReportData, type BatchReportData } from './fromBatch.ts';
import { reportFromCompare } from './fromCompare.ts';
import { reportFromRun } from './fromRun.ts';
import { reportHtml } from './page.ts';
import { stepLog } from './steps.ts';

export interface ReportOptions {
  /** Language of the page (default English; the CLI passes resolveLang(--lang)). */
  lang?: Lang;
  /** Progress lines (the CLI passes its stderr `progress`): each step with its time. */
  log?: (message: string) => void;
}


export async function reportData(dir: string, opts: ReportOptions = {}): Promise<ReportData> {
  if (fs.existsSync(path.join(dir, 'comparison.json'))) return reportFromCompare(dir, opts.lang, opts.log);
  if (fs.existsSync(path.join(dir, 'summary.json'))) return reportFromRun(dir, opts.lang, opts.log);
  throw new InputError(dir, "expected a results folder holding summary.json (from 'quarterhour run'), comparison.json (from 'quarterhour compare') or runs.csv (from 'quarterhour batch')");
}

export async function writeReport(dir: string, out = path.join(dir, 'report.html'), opts: ReportOptions = {}): Promise<{ file: string; data: ReportData | BatchReportData; bytes: number }> {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new InputError(dir, 'results folder not found');
  const isBatch = fs.existsSync(path.join(dir, 'runs.csv')) && !fs.existsSync(path.join(dir, 'summary.json'));
  const data = isBatch ? await batchReportData(dir) : await reportData(dir, opts);
  const step = stepLog(opts.log);
  const html = data.kind === 'batch' ? batchReportHtml(data) : reportHtml(data);
  step(`built the page (${(Buffer.byteLength(html) / 1048576).toFixed(1)} MB${data.kind !== 'batch' && data.compact ? `, compact: ${data.compact.blocks.count} blocks drawn on a canvas` : ''})`);
  writeFileAtomic(out, html);
  step(`wrote ${out}`);
  return { file: path.resolve(out), data, bytes: Buffer.byteLength(html) };
}
