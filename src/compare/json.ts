/** comparison.json: everything compare found, with paths relative to the output folder (like summary.json). */
import path from 'node:path';
import { thresholdsMin } from '../coverage/csv.ts';
import { planToJson } from '../plan/io.ts';
import type { Scenario } from '../scenario/types.ts';
import type { Comparison } from './types.ts';

export const COMPARISON_FORMAT = 'quarterhour-comparison';

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** `scenarioLocation` and plan files are recorded relative to `outDir`, so the folder can be reported on later. */
export function comparisonJson(sc: Scenario, cmp: Comparison, outDir: string, scenarioLocation: string): Record<string, unknown> {
  const rel = (p: string) => path.relative(path.resolve(outDir), path.resolve(p)).split(path.sep).join('/');
  const residents = sc.blocks.population.reduce((a, v) => a + v, 0);
  return {
    format: COMPARISON_FORMAT,
    version: 1,
    scenario: sc.name,
    seed: sc.seed,
    source: rel(scenarioLocation),
    residents,
    budget: sc.budget,
    coverageRule: "a resident is covered for a service when the nearest site offering it (today's facilities plus the plan's conversions) is within the service's threshold at the resident's age-band walking speed",
    thresholdMin: thresholdsMin(sc),
    plans: cmp.plans.map((p) => ({
      label: p.label,
      file: p.file === null ? null : rel(p.file),
      totals: p.totals,
      withinBudget: p.withinBudget,
      coverage: p.coverage,
      residentsCovered: p.residentsCovered,
      conversions: (planToJson(sc, p.plan) as { conversions: unknown[] }).conversions,
    })),
    changes: cmp.changes,
    differences: cmp.differences,
    blocks: Array.from({ length: sc.blocks.count }, (_, i) => ({
      block: sc.blocks.ids[i],
      name: sc.blocks.names[i],
      tag: sc.blocks.tags[i],
      residents: sc.blocks.population[i],
      coveredShare: Object.fromEntries(cmp.plans.map((p) => [p.label, r4(p.blockShare[i])])),
    })),
  };
}
