/** Read a run's coverage.csv (or coverage_after.csv) back into a coverage table laid out like the scenario's. */
import { ageBandIndex, N_AGE_BANDS } from '../../core/ageBands.ts';
import type { CoverageTable } from '../../coverage/residential.ts';
import { InputError } from '../../core/errors.ts';
import { readCsv } from '../../io/csv.ts';
import { Problems } from '../../scenario/rows.ts';
import type { Scenario } from '../../scenario/types.ts';

export async function readCoverageCsv(file: string, sc: Scenario): Promise<CoverageTable> {
  const csv = await readCsv(file);
  for (const col of ['block', 'service', 'age_band', 'nearest_min', 'covered']) {
    if (!csv.header.includes(col)) throw new InputError(file, `missing column '${col}'`, 1);
  }
  const S = sc.services.length;
  const n = sc.blocks.count * S * N_AGE_BANDS;
  const blockIndex = new Map(sc.blocks.ids.map((id, i) => [id, i]));
  const minutes = new Float64Array(n).fill(Infinity);
  const residents = new Float64Array(n);
  const covered = new Uint8Array(n);
  const seen = new Uint8Array(n);
  const problems = new Problems();
  for (const { line, values: v } of csv.rows) {
    const i = blockIndex.get(v.block);
    const s = sc.serviceIndex.get(v.service);
    const b = ageBandIndex(v.age_band);
    if (i === undefined) problems.add(file, `unknown block '${v.block}': not in the scenario (was it changed after the run?)`, line, 'block');
    else if (s === undefined) problems.add(file, `unknown service '${v.service}'`, line, 'service');
    else if (b < 0) problems.add(file, `unknown age band '${v.age_band}'`, line, 'age_band');
    else {
      const k = (i * S + s) * N_AGE_BANDS + b;
      const m = v.nearest_min === '' ? Infinity : Number(v.nearest_min);
      if (Number.isNaN(m)) problems.add(file, `'${v.nearest_min}' is not a number of minutes`, line, 'nearest_min');
      if (v.covered !== '0' && v.covered !== '1') problems.add(file, `'${v.covered}' is not 0 or 1`, line, 'covered');
      minutes[k] = m;
      covered[k] = v.covered === '1' ? 1 : 0;
      residents[k] = sc.blocks.population[i] * sc.blocks.ageShares[i * N_AGE_BANDS + b];
      seen[k] = 1;
    }
    if (problems.list.length >= 25) break;
  }
  problems.throwIfAny();
  const missing = seen.reduce((a, x) => a + (x ? 0 : 1), 0);
  if (missing > 0) throw new InputError(file, `${missing} of ${n} block x service x age band rows are missing (was the scenario changed after the run?)`);
  return { minutes, residents, covered };
}
