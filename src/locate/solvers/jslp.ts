/**
 * The coverage model for javascript-lp-solver (small models and teaching). Its answer is never
 * trusted as proof: `finished` only says it stopped before its timeout (its timeout is checked only
 * between branch-and-bound nodes, and its simplex has been seen to accept stalled, degenerate
 * solutions as optimal), so callers certify it against an independent bound.
 */
import solverModule from 'javascript-lp-solver';
import type { SolverAPI } from 'javascript-lp-solver';
import type { CoverageInstance } from '../model/coverage.ts';

/** Its types describe a CommonJS default; at run time the ESM build's default is the solver itself. */
const solver: SolverAPI = ((solverModule as unknown as { default?: SolverAPI }).default ?? solverModule) as SolverAPI;

type JsModel = {
  optimize: string;
  opType: 'max' | 'min';
  constraints: Record<string, { min?: number; max?: number; equal?: number }>;
  variables: Record<string, Record<string, number>>;
  binaries: Record<string, 1>;
  options?: { timeout?: number; tolerance?: number };
};

export function coverageJslpModel(inst: CoverageInstance): JsModel {
  const model: JsModel = { optimize: 'covered', opType: 'max', constraints: {}, variables: {}, binaries: {} };
  const active = (u: number): boolean => !inst.preCovered[u] && inst.coverStart[u + 1] > inst.coverStart[u];
  for (let k = 0; k < inst.nOptions; k++) {
    model.variables[`x${k}`] = { covered: 0 };
    model.binaries[`x${k}`] = 1;
  }
  for (let u = 0; u < inst.nUnits; u++) {
    if (!active(u)) continue;
    const y = `y${u}`;
    model.variables[y] = { covered: inst.weight[u], [`c${u}`]: 1, [`ub${u}`]: 1 };
    model.constraints[`c${u}`] = { max: 0 };
    model.constraints[`ub${u}`] = { max: 1 };
    for (let e = inst.coverStart[u]; e < inst.coverStart[u + 1]; e++) model.variables[`x${inst.coverOptions[e]}`][`c${u}`] = -1;
    if (inst.unitGroup[u] >= 0 && inst.equityShare[inst.unitGroup[u]] > 0) model.variables[y][`equity${inst.unitGroup[u]}`] = inst.weight[u];
  }
  if (Number.isFinite(inst.maxOpen)) {
    model.constraints.card = { max: inst.maxOpen };
    for (let k = 0; k < inst.nOptions; k++) model.variables[`x${k}`].card = 1;
  }
  if (Number.isFinite(inst.budget)) {
    model.constraints.budget = { max: inst.budget };
    for (let k = 0; k < inst.nOptions; k++) model.variables[`x${k}`].budget = inst.cost[k];
  }
  for (let k = 0; k < inst.nOptions; k++) {
    const g = inst.group[k];
    if (g >= 0 && Number.isFinite(inst.groupCapacity[g])) {
      model.constraints[`space${g}`] = { max: inst.groupCapacity[g] };
      model.variables[`x${k}`][`space${g}`] = inst.area[k];
    }
    const c = inst.optionClass[k];
    if (c >= 0 && inst.classMin[c] > 0) {
      model.constraints[`class${c}`] = { min: inst.classMin[c] };
      model.variables[`x${k}`][`class${c}`] = 1;
    }
  }
  for (const k of inst.mustOpen) {
    model.constraints[`must${k}`] = { equal: 1 };
    model.variables[`x${k}`][`must${k}`] = 1;
  }
  for (let h = 0; h < inst.nUnitGroups; h++) {
    if (inst.equityShare[h] <= 0) continue;
    let total = 0;
    let pre = 0;
    for (let u = 0; u < inst.nUnits; u++) if (inst.unitGroup[u] === h) {
      total += inst.weight[u];
      if (inst.preCovered[u]) pre += inst.weight[u];
    }
    model.constraints[`equity${h}`] = { min: inst.equityShare[h] * total - pre };
  }
  return model;
}

/** The model in javascript-lp-solver's LP-like text (what --show-model prints for --solver jslp). */
export function coverageJslpText(inst: CoverageInstance): string {
  const r = solver.ReformatLP(coverageJslpModel(inst));
  return typeof r === 'string' ? r : JSON.stringify(r, null, 2);
}

export function solveCoverageJslp(inst: CoverageInstance, opts: { timeLimit: number }): { feasible: boolean; finished: boolean; objective: number; selection: number[] } {
  const model = coverageJslpModel(inst);
  const timeoutMs = Math.max(10, Math.floor(opts.timeLimit * 1000));
  model.options = { timeout: timeoutMs, tolerance: 0 };
  const t = performance.now();
  const r = solver.Solve(model as never) as Record<string, number | boolean | undefined>;
  const finished = performance.now() - t < timeoutMs * 0.98;
  const selection: number[] = [];
  for (let k = 0; k < inst.nOptions; k++) if (Number(r[`x${k}`] ?? 0) > 0.5) selection.push(k);
  return { feasible: r.feasible === true, finished, objective: Number(r.result), selection };
}
