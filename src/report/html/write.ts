/** `quarterhour report`: build the report data from a results folder and write the HTML file atomically. */
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../../core/errors.ts';
import { writeFileAtomic } from '../../io/atomic.ts';
import type { ReportData } from './data.ts';
import { batchReportHtml } from './batchPage.ts';
import { batchReportData, type BatchReportData } from './fromBatch.ts';
import { reportFromCompare } from './fromCompare.ts';
import { reportFromRun } from './fromRun.ts';
import { reportHtml } from './page.ts';

export async function reportData(dir: string): Promise<ReportData> {
  if (fs.existsSync(path.join(dir, 'comparison.json'))) return reportFromCompare(dir);
  if (fs.existsSync(path.join(dir, 'summary.json'))) return reportFromRun(dir);
  throw new InputError(dir, "expected a results folder holding summary.json (from 'quarterhour run'), comparison.json (from 'quarterhour compare') or runs.csv (from 'quarterhour batch')");
}

export async function writeReport(dir: string, out = path.join(dir, 'report.html')): Promise<{ file: string; data: ReportData | BatchReportData; bytes: number }> {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new InputError(dir, 'results folder not found');
  const isBatch = fs.existsSync(path.join(dir, 'runs.csv')) && !fs.existsSync(path.join(dir, 'summary.json'));
  const data = isBatch ? await batchReportData(dir) : await reportData(dir);
  const html = data.kind === 'batch' ? batchReportHtml(data) : reportHtml(data);
  writeFileAtomic(out, html);
  return { file: path.resolve(out), data, bytes: Buffer.byteLength(html) };
}
