/** `quarterhour report <results dir>`: one self-contained HTML file with map, charts and plan table. */
import path from 'node:path';
import { InputError } from '../../core/errors.ts';
import { resolveLang } from '../../i18n/lang.ts';
import { fillString, reportStrings } from '../../i18n/report.ts';
import { writeReport } from '../../report/html/write.ts';
import { EXIT_OK, progress, type Command } from '../command.ts';

export const command: Command = {
  name: 'report',
  usage: 'report <results dir> [--out file.html] [--lang en|zh] [--json]',
  help: { out: 'HTML file to write (default <results dir>/report.html)' },
  options: { out: { type: 'string' } },
  async run(pos, values) {
    if (pos.length !== 1) throw new InputError('command line', 'expected exactly one results folder (from quarterhour run or compare)');
    const lang = resolveLang(values.lang);
    const r = await writeReport(pos[0], values.out as string | undefined, { lang, log: progress });
    if (r.data.kind === 'batch') {
      const rel = path.relative(process.cwd(), r.file) || r.file;
      const shown = { file: r.file, kind: 'batch', runs: r.data.rows.length, x: r.data.x, seriesBy: r.data.seriesBy, bytes: r.bytes };
      if (values.json) process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
      else process.stdout.write(`wrote ${rel} (${(r.bytes / 1024).toFixed(0)} KiB, batch report: ${r.data.rows.length} runs, curves along ${r.data.x}${r.data.seriesBy.length ? ` per ${r.data.seriesBy.join(' x ')}` : ''}); open it in a browser, it needs no network\n`);
      return EXIT_OK;
    }
    const conversions = r.data.states.reduce((a, s) => a + s.conversions.length, 0);
    const shown = { file: r.file, kind: r.data.kind, states: r.data.states.map((s) => s.label), blocks: r.data.compact ? r.data.compact.blocks.count : r.data.blocks.length, facilities: r.data.compact ? r.data.compact.facilities.count : r.data.facilities.length, conversions, bytes: r.bytes };
    if (values.json) process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
    else {
      const rel = path.relative(process.cwd(), r.file) || r.file;
      const t = reportStrings(lang);
      const what = { file: rel, kib: (r.bytes / 1024).toFixed(0), states: shown.states.join(', '), blocks: shown.blocks, facilities: shown.facilities, conversions: fillString(conversions === 1 ? t.conversions_one : t.conversions_other, { n: conversions }) };
      process.stdout.write(`${fillString(r.data.kind === 'run' ? t.cliWroteRun : t.cliWroteCompare, what)}\n`);
    }
    return EXIT_OK;
  },
};
