/** `quarterhour simulate <scenario>`: one simulated day of every resident's trips, with metrics. */
import path from 'node:path';
import { InputError } from '../../core/errors.ts';
import { simulateToDir } from '../../jobs/simulate.ts';
import type { TripsFormat } from '../../simulate/output.ts';
import { EXIT_OK, numberOption, progress, type Command } from '../command.ts';
import { bandLabel, count, padEnd, padStart, pct as pctText, tr } from '../../i18n/cli.ts';
import { resolveLang } from '../../i18n/lang.ts';
import { SIMULATE_OUTPUTS } from '../../io/outputs.ts';
import { formatOption, OUTPUT_OPTIONS, outputHelp, outputsOption } from '../outputs.ts';


export const command: Command = {
  name: 'simulate',
  usage: 'simulate <scenario> [--plan plan.json] [--threads N] [--seed S] [--out DIR] [--choice nearest|logit] [--format parquet|csv.gz|csv] [--outputs trips,block_metrics] [--trips auto|csv|bin] [--no-trips] [--json]',
  help: {
    plan: 'siting plan JSON {"conversions":[{"candidate":id,"services":[ids]}]} to simulate instead of the current state',
    threads: 'worker threads (default 1); results do not depend on it',
    seed: "override the scenario's seed",
    out: 'output folder (default results/<scenario name>-simulate)',
    choice: 'destination choice: nearest (default) or logit',
    beta: 'logit coefficient per walking minute (default -0.2)',
    ...outputHelp(SIMULATE_OUTPUTS),
    trips: 'trips table: auto (default: in the --format, parquet when none is given), csv (plain trips.csv whatever the --format) or bin (the legacy binary trips.bin)',
    'no-trips': 'do not write the trips table (metrics only)',
    'no-capacity': 'ignore facility capacities (no shadow-price iterations)',
  },
  options: {
    plan: { type: 'string' },
    threads: { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
    choice: { type: 'string' },
    beta: { type: 'string' },
    trips: { type: 'string' },
    'no-trips': { type: 'boolean' },
    'no-capacity': { type: 'boolean' },
    ...OUTPUT_OPTIONS,
  },
  async run(pos, values) {
    const lang = resolveLang(values.lang);
    if (pos.length !== 1) throw new InputError('command line', 'expected exactly one scenario folder or JSON file');
    const threads = numberOption(values, 'threads', 1, { integer: true, min: 1 });
    const seed = values.seed === undefined ? undefined : numberOption(values, 'seed', 0, { integer: true, min: 0 });
    const choice = (values.choice as string | undefined) ?? 'nearest';
    if (choice !== 'nearest' && choice !== 'logit') throw new InputError('command line', `--choice is '${choice}', expected nearest or logit`);
    const beta = numberOption(values, 'beta', -0.2);
    if (beta > 0) throw new InputError('command line', `--beta is ${beta}, expected a number <= 0 (longer walks are less attractive)`);
    const tripsOpt = (values.trips as string | undefined) ?? 'auto';
    if (!['auto', 'csv', 'bin'].includes(tripsOpt)) throw new InputError('command line', `--trips is '${tripsOpt}', expected auto, csv or bin`);
    const trips: TripsFormat = values['no-trips'] ? 'none' : (tripsOpt as TripsFormat);
    const job = await simulateToDir(pos[0], {
      planFile: values.plan as string | undefined,
      threads,
      seed,
      choice,
      betaPerMin: beta,
      capacity: !values['no-capacity'],
      out: values.out as string | undefined,
      trips,
      format: formatOption(values),
      outputs: outputsOption(values, SIMULATE_OUTPUTS),
      log: values.json ? undefined : progress,
    });
    const { plan } = job;
    const m = job.result.metrics;
    const dir = path.relative(process.cwd(), job.written.dir) || job.written.dir;
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ out: dir, files: job.written.files, seconds: job.seconds, ...m, siteLoads: undefined }, null, 2)}\n`);
      return EXIT_OK;
    }
    const bands = Object.keys(m.withinShare.byAgeBand);
    const w = lang === 'zh' ? 11 : 7;
    const convs = plan ? count(lang, plan.conversions.length, 'conversion', '项改造') : '';
    const worst = m.capacity.worstSites?.length ? tr(lang, `; worst: ${m.capacity.worstSites.map((x) => `${x.id} (${x.services.join('+')}) ${(x.overloadRatio + 1).toFixed(1)}x capacity`).join(', ')}`, `；最严重：${m.capacity.worstSites.map((x) => `${x.id}（${x.services.join('+')}）容量的 ${(x.overloadRatio + 1).toFixed(1)} 倍`).join('，')}`) : '';
    const lines = [
      tr(lang, `simulated '${m.scenario}' (seed ${m.seed}${plan ? `, plan ${values.plan} with ${convs}` : ''}): ${m.residents} residents, ${m.trips} trips (${m.unservedTrips} unserved) in ${job.seconds.simulate.toFixed(2)} s`, `已模拟 '${m.scenario}'（随机种子 ${m.seed}${plan ? `，方案 ${values.plan}，${convs}` : ''}）：${m.residents} 名居民，${m.trips} 次出行（${m.unservedTrips} 次未获服务），用时 ${job.seconds.simulate.toFixed(2)} 秒`),
      tr(lang, `  trips within threshold: ${pctText(lang, m.withinShare.overall)}   F15 (every basic service within 15 min): ${pctText(lang, m.f15.overall)}   Gini of access time: ${m.gini.accessTime ?? '-'}`, `  时限内出行：${pctText(lang, m.withinShare.overall)}   F15（全部基本保障类服务均在 15 分钟内）：${pctText(lang, m.f15.overall)}   可达时间基尼系数：${m.gini.accessTime ?? '-'}`),
      `  ${padEnd(tr(lang, 'by age band', '按年龄段'), 12)}${bands.map((b) => padStart(bandLabel(lang, b), w)).join('')}`,
      `    ${padEnd(tr(lang, 'within', '时限内'), 10)}${Object.values(m.withinShare.byAgeBand).map((v) => padStart(pctText(lang, v), w)).join('')}`,
      `    ${padEnd('F15', 10)}${Object.values(m.f15.byAgeBand).map((v) => padStart(pctText(lang, v), w)).join('')}`,
      m.capacity.enabled
        ? tr(lang, `  capacities: ${m.capacity.iterations} shadow-price passes, ${m.capacity.converged ? 'loads fit' : `did not converge: ${Math.round(m.capacity.overloadTrips)} trips over capacity at ${m.capacity.overloadedSites} sites (max overload ratio ${+m.capacity.maxOverloadRatio.toFixed(2)})${worst}`}`, `  容量：影子价格迭代 ${m.capacity.iterations} 轮，${m.capacity.converged ? '负荷均在容量内' : `未收敛：${m.capacity.overloadedSites} 处设施超出容量，合计 ${Math.round(m.capacity.overloadTrips)} 次（最大超载比 ${+m.capacity.maxOverloadRatio.toFixed(2)}）${worst}`}`)
        : tr(lang, '  capacities: not used', '  容量：未使用'),
      `${tr(lang, 'wrote', '已写入')} ${dir}/ (${job.written.files.join(', ')})`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return EXIT_OK;
  },
};
