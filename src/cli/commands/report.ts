/** `quarterhour report <results dir>`: one self-contained HTML file with map, charts and plan table. */
import path from 'node:path';
import { InputError } from '../../core/errors.ts';
import { writeReport } from '../../report/html/write.ts';
import { EXIT_OK, type Command } from '../command.ts';

export const command: Command = {
  name: 'report',
  usage: 'report <results dir> [--out file.html] [--json]',
  help: { out: 'HTML file to write (default <results dir>/report.html)' },
  options: { out: { type: 'string' } },
  async run(pos, values) {
    if (pos.length !== 1) throw new InputError('command line', 'expected exactly one results folder (from quarterhour run or compare)');
    const r = await writeReport(pos[0], values.out as string | undefined);
    if (r.data.kind === 'batch') {
      const rel = path.relative(process.cwd(), r.file) || r.file;
      const shown = { file: r.file, kind: 'batch', runs: r.data.rows.length, x: r.data.x, seriesBy: r.data.seriesBy, bytes: r.bytes };
      if (values.json) process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
      else process.stdout.write(`wrote ${rel} (${(r.bytes / 1024).toFixed(0)} KiB, batch report: ${r.data.rows.length} runs, curves along ${r.data.x}${r.data.seriesBy.length ? ` per ${r.data.seriesBy.join(' x ')}` : ''}); open it in a browser, it needs no network\n`);
      return EXIT_OK;
    }
    const conversions = r.data.states.reduce((a, s) => a + s.conversions.length, 0);
    const shown = { file: r.file, kind: r.data.kind, states: r.data.states.map((s) => s.label), blocks: r.data.blocks.length, facilities: r.data.facilities.length, conversions, bytes: r.bytes };
    if (values.json) process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
    else {
      const rel = path.relative(process.cwd(), r.file) || r.file;
      process.stdout.write(`wrote ${rel} (${(r.bytes / 1024).toFixed(0)} KiB, ${r.data.kind} report: ${shown.states.join(', ')}; ${shown.blocks} blocks, ${shown.facilities} facilities, ${conversions} conversions); open it in a browser, it needs no network\n`);
    }
    return EXIT_OK;
  },
};
