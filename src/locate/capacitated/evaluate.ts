/**
 * Evaluating a capacitated solution from scratch: for split demand, the exact best assignment of the
 * open sites (max flow for cmclp and clscp, min-cost flow for cpmedian); for single-sourced demand,
 * the given assignment checked (each client to at most one open site that may serve it, loads within
 * capacities) and costed. Every objective a capacitated solve reports comes from here.
 */
import { maxFlow, minCostFlow, type FlowArcs } from './flow.ts';
import type { CapacitatedInstance } from './instance.ts';

export interface CapacitatedEvaluation {
  feasible: boolean;
  /** Why not feasible (empty when feasible). */
  reason: string;
  /** cmclp: served weight; clscp: open sites; cpmedian: total weighted cost. */
  objective: number;
  /** Weight served by each site. */
  load: Float64Array;
  /** Weight served on each arc (parallel to inst.site). */
  arcWeight: Float64Array;
  /** Weight served in all. */
  served: number;
}

const tolOf = (x: number): number => 1e-7 * Math.max(1, Math.abs(x));

function arcs(inst: CapacitatedInstance, open: Uint8Array): FlowArcs {
  return { n: inst.n, m: inst.m, supply: inst.weight, capacity: inst.capacity, start: inst.start, site: inst.site, cost: inst.cost, open };
}

function selectionProblem(inst: CapacitatedInstance, open: Uint8Array): string {
  let count = 0;
  for (let j = 0; j < inst.m; j++) if (open[j]) count++;
  for (const j of inst.mustOpen) if (!open[j]) return `predefined site ${inst.siteIds?.[j] ?? j} is not open`;
  if (inst.model !== 'clscp' && count !== inst.p) return `${count} sites open, p = ${inst.p}`;
  return '';
}

/** The served weight that the model requires (clscp: every servable client; cpmedian: every client). */
function required(inst: CapacitatedInstance): number {
  let r = 0;
  for (let i = 0; i < inst.n; i++) if (inst.model === 'cpmedian' || !inst.unservable[i]) r += inst.weight[i];
  return r;
}

function result(inst: CapacitatedInstance, open: Uint8Array, arcWeight: Float64Array, served: number, flowCost: number, problem: string): CapacitatedEvaluation {
  const load = new Float64Array(inst.m);
  for (let i = 0; i < inst.n; i++) for (let e = inst.start[i]; e < inst.start[i + 1]; e++) load[inst.site[e]] += arcWeight[e];
  let objective = served;
  if (inst.model === 'clscp') {
    objective = 0;
    for (let j = 0; j < inst.m; j++) if (open[j]) objective++;
  } else if (inst.model === 'cpmedian') objective = flowCost;
  if (!problem && inst.model !== 'cmclp') {
    const need = required(inst);
    if (served < need - tolOf(need)) problem = `only ${served} of ${need} demand can be served within the capacities`;
  }
  return { feasible: problem === '', reason: problem, objective, load, arcWeight, served };
}

/** Split demand: the exact best assignment of the open sites. */
export function evaluateSplit(inst: CapacitatedInstance, open: Uint8Array): CapacitatedEvaluation {
  const problem = selectionProblem(inst, open);
  const f = inst.model === 'cpmedian' ? minCostFlow(arcs(inst, open)) : maxFlow(arcs(inst, open));
  return result(inst, open, f.arcFlow, f.flow, f.cost, problem);
}

/** Single-sourced demand: `clientArc[i]` is the arc (index into inst.site) serving client i, or -1. */
export function evaluateSingle(inst: CapacitatedInstance, open: Uint8Array, clientArc: Int32Array): CapacitatedEvaluation {
  let problem = selectionProblem(inst, open);
  const arcWeight = new Float64Array(inst.site.length);
  let served = 0;
  let cost = 0;
  for (let i = 0; i < inst.n; i++) {
    const e = clientArc[i];
    if (e < 0) continue;
    if (e < inst.start[i] || e >= inst.start[i + 1]) {
      problem ||= `client ${i} assigned to an arc that is not its own`;
      continue;
    }
    if (!open[inst.site[e]]) problem ||= `client ${i} assigned to closed site ${inst.site[e]}`;
    arcWeight[e] = inst.weight[i];
    served += inst.weight[i];
    cost += inst.weight[i] * inst.cost[e];
  }
  const r = result(inst, open, arcWeight, served, cost, problem);
  if (r.feasible) for (let j = 0; j < inst.m; j++) if (r.load[j] > inst.capacity[j] + tolOf(inst.capacity[j])) {
    r.feasible = false;
    r.reason = `site ${inst.siteIds?.[j] ?? j} serves ${r.load[j]}, over its capacity ${inst.capacity[j]}`;
    break;
  }
  return r;
}

/** Per client: the site serving the largest share of it, or -1. */
export function mainSite(inst: CapacitatedInstance, arcWeight: Float64Array): Int32Array {
  const out = new Int32Array(inst.n).fill(-1);
  for (let i = 0; i < inst.n; i++) {
    let best = 0;
    for (let e = inst.start[i]; e < inst.start[i + 1]; e++) if (arcWeight[e] > best + tolOf(inst.weight[i]) * 1e-3) {
      best = arcWeight[e];
      out[i] = inst.site[e];
    }
  }
  return out;
}
