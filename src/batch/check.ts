/**
 * Every input of a batch, checked before its first run: each scenario path exists and loads, and each
 * catalogue variant names only services of the scenarios it is applied to. A typo is then one line and
 * exit 2, not N failed runs. For a portfolio (generate --circles), every circle's folder must exist
 * and the first circle is loaded.
 */
import fs from 'node:fs';
import path from 'node:path';
import { InputError, InputErrors, isInputError } from '../core/errors.ts';
import { Problems } from '../scenario/rows.ts';
import { loadScenario } from '../scenario/load.ts';
import type { BatchSpec } from './spec.ts';
import { applyRun } from './variant.ts';

/** Throws InputError(s) naming the batch file, the field and the missing or bad scenario. */
export async function checkBatchInputs(spec: BatchSpec): Promise<void> {
  const problems = new Problems();
  const scenarios = [...new Set(spec.runs.map((r) => r.scenario))];
  const rel = (p: string) => path.relative(path.dirname(path.resolve(spec.file)), p) || '.';
  for (const s of scenarios) if (!fs.existsSync(s)) problems.add(spec.file, `scenario '${rel(s)}' not found (${s}); expected a scenario folder or JSON file`, undefined, spec.portfolio ? 'portfolio' : 'scenario');
  problems.throwIfAny();
  // a portfolio's circles come from one generator with one catalogue: its folders exist (above), and
  // its first circle is loaded and checked against the catalogue variants (loading 10,000 circles
  // would cost minutes before the first run)
  const full = spec.portfolio ? scenarios.slice(0, 1) : scenarios;
  for (const s of full) {
    const catalogues = new Set(spec.runs.filter((r) => r.scenario === s).map((r) => r.catalogue));
    try {
      const sc = await loadScenario(s);
      const probe = spec.runs.find((r) => r.scenario === s)!;
      for (const catalogue of catalogues) applyRun(sc, { ...probe, catalogue }, spec.catalogues, spec.file);
    } catch (e) {
      if (!isInputError(e)) throw e;
      problems.list.push(...(e instanceof InputErrors ? e.errors : [e as InputError]));
    }
  }
  problems.throwIfAny();
}
