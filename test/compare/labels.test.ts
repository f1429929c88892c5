import { describe, expect, it } from 'vitest';
import { planLabels } from '../../src/compare/labels.ts';

describe('plan labels', () => {
  it('are the file names without .json', () => {
    expect(planLabels(['plans/mine.json', '/x/optimized.json'])).toEqual(['mine', 'optimized']);
  });

  it('stay unique when two files share a name or a plan is called today', () => {
    expect(planLabels(['a/plan.json', 'b/plan.json', 'today.json'])).toEqual(['plan', 'plan#2', 'today#2']);
  });
});
