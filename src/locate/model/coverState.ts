/**
 * Incremental coverage state for greedy and local search: per-unit cover counts and per-option
 * gains (weight of currently uncovered units an option would cover), so that opening or closing an
 * option costs only the units it touches.
 */
import type { CoverageInstance } from './coverage.ts';

export class CoverState {
  readonly inst: CoverageInstance;
  readonly open: Uint8Array;
  readonly count: Int32Array;
  readonly gain: Float64Array;
  nOpen = 0;
  cost = 0;
  covered = 0;
  readonly groupUsed: Float64Array;
  readonly classCount: Int32Array;
  readonly must: Uint8Array;

  constructor(inst: CoverageInstance) {
    this.inst = inst;
    this.open = new Uint8Array(inst.nOptions);
    this.count = new Int32Array(inst.nUnits);
    this.gain = new Float64Array(inst.nOptions);
    this.groupUsed = new Float64Array(inst.nGroups);
    this.classCount = new Int32Array(inst.nClasses);
    this.must = new Uint8Array(inst.nOptions);
    for (const k of inst.mustOpen) this.must[k] = 1;
    for (let k = 0; k < inst.nOptions; k++) {
      let g = 0;
      for (let e = inst.optStart[k]; e < inst.optStart[k + 1]; e++) {
        const u = inst.optUnits[e];
        if (!inst.preCovered[u]) g += inst.weight[u];
      }
      this.gain[k] = g;
    }
  }

  /** Weight lost if open option k closed (units only k covers). */
  loss(k: number): number {
    const { inst } = this;
    let l = 0;
    for (let e = inst.optStart[k]; e < inst.optStart[k + 1]; e++) {
      const u = inst.optUnits[e];
      if (!inst.preCovered[u] && this.count[u] === 1) l += inst.weight[u];
    }
    return l;
  }

  add(k: number): void {
    const { inst } = this;
    this.open[k] = 1;
    this.nOpen++;
    this.cost += inst.cost[k];
    if (inst.group[k] >= 0) this.groupUsed[inst.group[k]] += inst.area[k];
    if (inst.optionClass[k] >= 0) this.classCount[inst.optionClass[k]]++;
    for (let e = inst.optStart[k]; e < inst.optStart[k + 1]; e++) {
      const u = inst.optUnits[e];
      if (inst.preCovered[u]) continue;
      if (this.count[u]++ === 0) {
        const w = inst.weight[u];
        this.covered += w;
        for (let f = inst.coverStart[u]; f < inst.coverStart[u + 1]; f++) this.gain[inst.coverOptions[f]] -= w;
      }
    }
  }

  remove(k: number): void {
    const { inst } = this;
    this.open[k] = 0;
    this.nOpen--;
    this.cost -= inst.cost[k];
    if (inst.group[k] >= 0) this.groupUsed[inst.group[k]] -= inst.area[k];
    if (inst.optionClass[k] >= 0) this.classCount[inst.optionClass[k]]--;
    for (let e = inst.optStart[k]; e < inst.optStart[k + 1]; e++) {
      const u = inst.optUnits[e];
      if (inst.preCovered[u]) continue;
      if (--this.count[u] === 0) {
        const w = inst.weight[u];
        this.covered -= w;
        for (let f = inst.coverStart[u]; f < inst.coverStart[u + 1]; f++) this.gain[inst.coverOptions[f]] += w;
      }
    }
  }

  canAdd(k: number): boolean {
    const { inst } = this;
    if (this.open[k]) return false;
    if (this.nOpen + 1 > inst.maxOpen) return false;
    if (this.cost + inst.cost[k] > inst.budget * (1 + 1e-12)) return false;
    const g = inst.group[k];
    if (g >= 0 && this.groupUsed[g] + inst.area[k] > inst.groupCapacity[g] * (1 + 1e-12)) return false;
    return true;
  }

  /** May open option b in place of open option a (a already counted as open)? */
  canSwap(a: number, b: number): boolean {
    const { inst } = this;
    if (this.open[b] || this.must[a]) return false;
    if (this.cost - inst.cost[a] + inst.cost[b] > inst.budget * (1 + 1e-12)) return false;
    const gb = inst.group[b];
    if (gb >= 0) {
      const freed = inst.group[a] === gb ? inst.area[a] : 0;
      if (this.groupUsed[gb] - freed + inst.area[b] > inst.groupCapacity[gb] * (1 + 1e-12)) return false;
    }
    const ca = inst.optionClass[a];
    if (ca >= 0 && inst.optionClass[b] !== ca && this.classCount[ca] - 1 < inst.classMin[ca]) return false;
    return true;
  }

  selection(): number[] {
    const s: number[] = [];
    for (let k = 0; k < this.open.length; k++) if (this.open[k]) s.push(k);
    return s;
  }
}
