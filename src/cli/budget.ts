/** `--max-conversions N` and `--max-cost C` (CNY): a budget given on the command line, overriding scenario.json's. */
import type { Budget } from '../scenario/types.ts';
import { numberOption, type OptionSpec, type ParsedValues } from './command.ts';

export const BUDGET_OPTIONS: OptionSpec = { 'max-conversions': { type: 'string' }, 'max-cost': { type: 'string' } };

export const BUDGET_HELP: Record<string, string> = {
  'max-conversions': "at most N conversions (each service opened counts one), overriding scenario.json's budget.maxConversions",
  'max-cost': "at most C CNY (元) of conversion cost, overriding scenario.json's budget.maxCost",
};

/** The budget the command line sets (only the limits given). */
export function budgetOption(values: ParsedValues): Budget {
  const b: Budget = {};
  if (values['max-conversions'] !== undefined) b.maxConversions = numberOption(values, 'max-conversions', 0, { integer: true, min: 0 });
  if (values['max-cost'] !== undefined) b.maxCost = numberOption(values, 'max-cost', 0, { min: 0 });
  return b;
}
