/** `quarterhour compare <scenario> <plan.json>…`: siting plans side by side against today's coverage. */
import path from 'node:path';
import { InputError } from '../../core/errors.ts';
import { runCompare } from '../../jobs/compare.ts';
import { EXIT_OK, type Command } from '../command.ts';
import { tr } from '../../i18n/cli.ts';
import { resolveLang } from '../../i18n/lang.ts';
import { COMPARE_OUTPUTS } from '../../io/outputs.ts';
import { formatOption, OUTPUT_OPTIONS, outputHelp, outputsOption } from '../outputs.ts';
import { BUDGET_HELP, BUDGET_OPTIONS, budgetOption } from '../budget.ts';

export const command: Command = {
  name: 'compare',
  usage: 'compare <scenario> <planA.json> [<planB.json> …] [--out DIR] [--format parquet|csv.gz|csv] [--outputs comparison,comparison_coverage,difference] [--max-conversions N] [--max-cost C] [--json]',
  help: {
    out: 'output folder for comparison.json and the tables (default results/<scenario name>-compare)',
    ...outputHelp(COMPARE_OUTPUTS),
    ...BUDGET_HELP,
  },
  options: { out: { type: 'string' }, ...OUTPUT_OPTIONS, ...BUDGET_OPTIONS },
  async run(pos, values) {
    if (pos.length < 2) throw new InputError('command line', 'expected a scenario folder or JSON file and at least one plan file');
    const [scenario, ...plans] = pos;
    const lang = resolveLang(values.lang);
    const result = await runCompare(scenario, plans, { out: values.out as string | undefined, budget: budgetOption(values), lang, format: formatOption(values), outputs: outputsOption(values, COMPARE_OUTPUTS) });
    if (values.json) process.stdout.write(`${JSON.stringify(result.doc, null, 2)}\n`);
    else process.stdout.write(`${result.text}\n\n${tr(lang, 'wrote', '已写入')} ${path.relative(process.cwd(), result.outDir) || result.outDir}/ (${result.files.join(', ')})\n`);
    return EXIT_OK;
  },
};
