/**
 * Moving a coverage instance to worker threads without copies: its arrays packed into one
 * SharedArrayBuffer (core/buffers.ts), its scalars beside them; the worker rebuilds the instance
 * around views on that buffer.
 */
import { pack, unpack, type PackedArrays } from '../../core/buffers.ts';
import type { CoverageInstance } from './coverage.ts';

const FIELDS = ['weight', 'coverStart', 'coverOptions', 'cost', 'group', 'area', 'groupCapacity', 'optionClass', 'classMin', 'unitGroup', 'equityShare', 'mustOpen', 'preCovered', 'optStart', 'optUnits'] as const;
type Field = (typeof FIELDS)[number];
type CoverageArrays = Pick<CoverageInstance, Field>;

/** A coverage instance as a worker task carries it. */
export interface SharedCoverage {
  nUnits: number;
  nOptions: number;
  maxOpen: number;
  budget: number;
  integralWeights: boolean;
  arrays: PackedArrays<Field>;
}

export function toShared(inst: CoverageInstance): SharedCoverage {
  const arrays = Object.fromEntries(FIELDS.map((f) => [f, inst[f]])) as CoverageArrays;
  return { nUnits: inst.nUnits, nOptions: inst.nOptions, maxOpen: inst.maxOpen, budget: inst.budget, integralWeights: inst.integralWeights, arrays: pack(arrays) };
}

/** Rebuild the instance around the shared arrays (already validated, sorted and transposed: no copies). */
export function fromShared(s: SharedCoverage): CoverageInstance {
  const a = unpack<CoverageArrays>(s.arrays);
  const maxPlusOne = (x: Int32Array): number => x.reduce((mx, v) => Math.max(mx, v + 1), 0);
  return {
    nUnits: s.nUnits,
    nOptions: s.nOptions,
    maxOpen: s.maxOpen,
    budget: s.budget,
    ...a,
    nGroups: maxPlusOne(a.group),
    nClasses: maxPlusOne(a.optionClass),
    nUnitGroups: maxPlusOne(a.unitGroup),
    integralWeights: s.integralWeights,
  };
}
