import { describe, expect, it } from 'vitest';
import { fromShared, toShared } from '../../src/locate/model/sharedCoverage.ts';
import { randomCoverage } from './fixtures.ts';

describe('a coverage instance in shared memory', () => {
  it('comes back whole from one shared buffer, every array a view on it', () => {
    const inst = randomCoverage('shared', { nUnits: 40, nOptions: 12, p: 3, budget: true, groups: true, classes: true, equity: true, must: true, preCovered: true });
    const shared = toShared(inst);
    expect(shared.arrays.buffer).toBeInstanceOf(SharedArrayBuffer);
    // What a worker receives: a structured clone of the task (the buffer itself is shared, not copied).
    const back = fromShared(structuredClone(shared));
    for (const f of ['weight', 'coverStart', 'coverOptions', 'cost', 'group', 'area', 'groupCapacity', 'optionClass', 'classMin', 'unitGroup', 'equityShare', 'mustOpen', 'preCovered', 'optStart', 'optUnits'] as const) {
      expect(back[f].constructor, f).toBe(inst[f].constructor);
      expect(Array.from(back[f]), f).toEqual(Array.from(inst[f]));
      expect(back[f].buffer, f).toBeInstanceOf(SharedArrayBuffer);
    }
    expect({ nGroups: back.nGroups, nClasses: back.nClasses, nUnitGroups: back.nUnitGroups, maxOpen: back.maxOpen, budget: back.budget, integralWeights: back.integralWeights }).toEqual({ nGroups: inst.nGroups, nClasses: inst.nClasses, nUnitGroups: inst.nUnitGroups, maxOpen: inst.maxOpen, budget: inst.budget, integralWeights: inst.integralWeights });
  });
});
