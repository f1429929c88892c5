/** Evaluating and checking a selection of open options against a coverage instance. */
import type { CoverageInstance, EquityGrouping } from './coverage.ts';

/** Covered weight of a selection (pre-covered units count as covered). */
export function coveredWeight(inst: CoverageInstance, open: Uint8Array): number {
  let total = 0;
  for (let u = 0; u < inst.nUnits; u++) {
    if (inst.preCovered[u]) {
      total += inst.weight[u];
      continue;
    }
    for (let e = inst.coverStart[u]; e < inst.coverStart[u + 1]; e++) {
      if (open[inst.coverOptions[e]]) {
        total += inst.weight[u];
        break;
      }
    }
  }
  return total;
}

/** Covered weight counting only the units not pre-covered (the optimisation objective). */
export function objectiveWeight(inst: CoverageInstance, open: Uint8Array): number {
  let total = 0;
  for (let u = 0; u < inst.nUnits; u++) {
    if (inst.preCovered[u]) continue;
    for (let e = inst.coverStart[u]; e < inst.coverStart[u + 1]; e++) {
      if (open[inst.coverOptions[e]]) {
        total += inst.weight[u];
        break;
      }
    }
  }
  return total;
}

export function totalWeight(inst: CoverageInstance): number {
  let t = 0;
  for (let u = 0; u < inst.nUnits; u++) t += inst.weight[u];
  return t;
}

/** Weight of the units existing facilities already cover. */
export function preCoveredWeight(inst: CoverageInstance): number {
  let t = 0;
  for (let u = 0; u < inst.nUnits; u++) if (inst.preCovered[u]) t += inst.weight[u];
  return t;
}

/** Weight of units that are neither pre-covered nor coverable by any option. */
export function uncoverableWeight(inst: CoverageInstance): number {
  let t = 0;
  for (let u = 0; u < inst.nUnits; u++) if (!inst.preCovered[u] && inst.coverStart[u + 1] === inst.coverStart[u]) t += inst.weight[u];
  return t;
}

/** Every violated constraint of a selection, as readable strings (empty: feasible). */
export function violations(inst: CoverageInstance, open: Uint8Array, eps = 1e-9): string[] {
  const out: string[] = [];
  let count = 0;
  let cost = 0;
  const used = new Float64Array(inst.nGroups);
  const perClass = new Int32Array(inst.nClasses);
  for (let k = 0; k < inst.nOptions; k++) {
    if (!open[k]) continue;
    count++;
    cost += inst.cost[k];
    if (inst.group[k] >= 0) used[inst.group[k]] += inst.area[k];
    if (inst.optionClass[k] >= 0) perClass[inst.optionClass[k]]++;
  }
  if (count > inst.maxOpen) out.push(`${count} options open, at most ${inst.maxOpen} allowed`);
  if (cost > inst.budget + eps * Math.max(1, inst.budget)) out.push(`cost ${cost} exceeds budget ${inst.budget}`);
  for (let g = 0; g < inst.nGroups; g++) if (used[g] > inst.groupCapacity[g] + eps * Math.max(1, inst.groupCapacity[g])) out.push(`space ${g}: area ${used[g]} exceeds ${inst.groupCapacity[g]}`);
  for (let c = 0; c < inst.nClasses; c++) if (perClass[c] < inst.classMin[c]) out.push(`class ${c}: ${perClass[c]} open, at least ${inst.classMin[c]} required`);
  for (const k of inst.mustOpen) if (!open[k]) out.push(`predefined option ${k} is not open`);
  if (inst.nUnitGroups > 0) {
    const cov = new Float64Array(inst.nUnitGroups);
    const tot = new Float64Array(inst.nUnitGroups);
    for (let u = 0; u < inst.nUnits; u++) {
      const h = inst.unitGroup[u];
      if (h < 0) continue;
      tot[h] += inst.weight[u];
      let c = inst.preCovered[u] === 1;
      for (let e = inst.coverStart[u]; !c && e < inst.coverStart[u + 1]; e++) if (open[inst.coverOptions[e]]) c = true;
      if (c) cov[h] += inst.weight[u];
    }
    for (let h = 0; h < inst.nUnitGroups; h++) {
      if (cov[h] + eps * Math.max(1, tot[h]) < inst.equityShare[h] * tot[h]) out.push(`unit group ${h}: covered ${cov[h]} of ${tot[h]}, below the floor ${inst.equityShare[h]}`);
    }
  }
  (inst.equityGroupings ?? []).forEach((g, t) => out.push(...groupingViolations(inst, g, open, eps).map((v) => `grouping ${t + 1} (${g.name ?? 'unit group'}) ${v}`)));
  return out;
}

/** Covered weight and total weight of each group of a grouping under a selection. */
export function groupingCoverage(inst: CoverageInstance, g: EquityGrouping, open: Uint8Array): { covered: Float64Array; total: Float64Array } {
  const n = g.equityShare.length;
  const covered = new Float64Array(n);
  const total = new Float64Array(n);
  for (let u = 0; u < inst.nUnits; u++) {
    const h = g.unitGroup[u];
    if (h < 0) continue;
    total[h] += inst.weight[u];
    let c = inst.preCovered[u] === 1;
    for (let e = inst.coverStart[u]; !c && e < inst.coverStart[u + 1]; e++) if (open[inst.coverOptions[e]]) c = true;
    if (c) covered[h] += inst.weight[u];
  }
  return { covered, total };
}

function groupingViolations(inst: CoverageInstance, g: EquityGrouping, open: Uint8Array, eps: number): string[] {
  const { covered, total } = groupingCoverage(inst, g, open);
  const out: string[] = [];
  for (let h = 0; h < g.equityShare.length; h++) {
    if (covered[h] + eps * Math.max(1, total[h]) < g.equityShare[h] * total[h]) out.push(`group ${h}: covered ${covered[h]} of ${total[h]}, below the floor ${g.equityShare[h]}`);
  }
  return out;
}

/** For each unit, the first open option (in covering order) that covers it, or -1. */
export function coverAssignment(inst: CoverageInstance, selected: ArrayLike<number>): Int32Array {
  const assignment = new Int32Array(inst.nUnits).fill(-1);
  const open = selectionToMask(inst.nOptions, selected);
  for (let u = 0; u < inst.nUnits; u++) for (let e = inst.coverStart[u]; e < inst.coverStart[u + 1]; e++) if (open[inst.coverOptions[e]]) {
    assignment[u] = inst.coverOptions[e];
    break;
  }
  return assignment;
}

export function selectionToMask(n: number, selected: ArrayLike<number>): Uint8Array {
  const m = new Uint8Array(n);
  for (let i = 0; i < selected.length; i++) m[selected[i]] = 1;
  return m;
}

export function maskToSelection(mask: Uint8Array): number[] {
  const s: number[] = [];
  for (let k = 0; k < mask.length; k++) if (mask[k]) s.push(k);
  return s;
}
