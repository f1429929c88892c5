/** Moving a coverage instance to worker threads as SharedArrayBuffers (no JSON copies of big arrays). */
import type { CoverageInstance } from './coverage.ts';

export interface SharedCoverage {
  nUnits: number;
  nOptions: number;
  maxOpen: number;
  budget: number;
  arrays: Record<string, Float64Array | Int32Array | Uint8Array>;
  integralWeights: boolean;
}

const FIELDS = ['weight', 'coverStart', 'coverOptions', 'cost', 'group', 'area', 'groupCapacity', 'optionClass', 'classMin', 'unitGroup', 'equityShare', 'mustOpen', 'preCovered', 'optStart', 'optUnits'] as const;

function share<T extends Float64Array | Int32Array | Uint8Array>(a: T): T {
  const Ctor = a.constructor as new (b: SharedArrayBuffer) => T;
  const out = new Ctor(new SharedArrayBuffer(a.byteLength));
  (out as unknown as { set(x: ArrayLike<number>): void }).set(a);
  return out;
}

export function toShared(inst: CoverageInstance): SharedCoverage {
  const arrays: SharedCoverage['arrays'] = {};
  for (const f of FIELDS) arrays[f] = share(inst[f]);
  return { nUnits: inst.nUnits, nOptions: inst.nOptions, maxOpen: inst.maxOpen, budget: inst.budget, arrays, integralWeights: inst.integralWeights };
}

/** Rebuild the instance around the shared arrays (already validated, sorted and transposed: no copies). */
export function fromShared(s: SharedCoverage): CoverageInstance {
  const a = s.arrays as Record<(typeof FIELDS)[number], never>;
  const maxPlusOne = (x: Int32Array): number => x.reduce((mx, v) => Math.max(mx, v + 1), 0);
  return {
    nUnits: s.nUnits,
    nOptions: s.nOptions,
    maxOpen: s.maxOpen,
    budget: s.budget,
    ...a,
    nGroups: maxPlusOne(a.group as Int32Array),
    nClasses: maxPlusOne(a.optionClass as Int32Array),
    nUnitGroups: maxPlusOne(a.unitGroup as Int32Array),
    integralWeights: s.integralWeights,
  };
}
