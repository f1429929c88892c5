/**
 * Reading back what `quarterhour compare` wrote in comparison.json (compare/json.ts): each state's
 * label and plan, the access changes and the plan differences. A field that is missing or of the wrong
 * kind is an InputError naming it. The per-cell coverage is in comparison_coverage.csv (coverageCsv.ts).
 */
import { InputError } from '../../core/errors.ts';
import type { AccessChange, PlanDifference } from '../../compare/types.ts';
import { parsePlan } from '../../plan/io.ts';
import type { Plan } from '../../plan/types.ts';
import type { Scenario } from '../../scenario/types.ts';

export interface RecordedComparison {
  /** Today first (plan null), then each plan, with their labels. */
  states: { label: string; plan: Plan | null }[];
  changes: AccessChange[];
  differences: PlanDifference[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

function list(file: string, v: unknown, field: string): unknown[] {
  if (!Array.isArray(v)) throw new InputError(file, 'expected an array', undefined, field);
  return v;
}

export function readComparison(file: string, doc: Obj, sc: Scenario): RecordedComparison {
  const entries = list(file, doc.plans, 'plans');
  if (entries.length < 2) throw new InputError(file, 'expected today and at least one plan', undefined, 'plans');
  const states = entries.map((p, k) => {
    if (!isObj(p) || typeof p.label !== 'string') throw new InputError(file, 'expected a plan with a label', undefined, `plans[${k}].label`);
    return { label: p.label, plan: k === 0 ? null : parsePlan(p, file, sc) };
  });
  return { states, changes: list(file, doc.changes, 'changes') as AccessChange[], differences: list(file, doc.differences, 'differences') as PlanDifference[] };
}
