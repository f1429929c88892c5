/**
 * The capacitated location models on flat arrays (cmclp, clscp, cpmedian), built from a cost matrix
 * and one capacity per site:
 *
 *   clients i (weight w_i), sites j (capacity cap_j); arcs (i, j) where j may serve i:
 *     cmclp, clscp: cost d_ij <= radius (the coverage rule); cpmedian: every finite cost
 *   x_ij = share of client i's demand served by j (0..1; 0/1 when single-sourced), y_j = site open
 *   x_ij <= y_j,   sum_i w_i x_ij <= cap_j y_j,   y_j = 1 for predefined sites
 *   cmclp:    max sum w_i x_ij,        sum_j x_ij <= 1, sum_j y_j = p
 *   clscp:    min sum_j y_j,           sum_j x_ij = 1 for every client some site can serve
 *   cpmedian: min sum w_i d_ij x_ij,   sum_j x_ij = 1 for every client, sum_j y_j = p
 */
import type { CostMatrix } from '../model/costMatrix.ts';

export type CapacitatedModel = 'cmclp' | 'clscp' | 'cpmedian';
export const CAPACITATED_MODELS: CapacitatedModel[] = ['cmclp', 'clscp', 'cpmedian'];

export interface CapacitatedInstance {
  model: CapacitatedModel;
  n: number;
  m: number;
  weight: Float64Array;
  capacity: Float64Array;
  /** Arcs client -> site, CSR by client, sites ascending; cost d_ij. */
  start: Int32Array;
  site: Int32Array;
  cost: Float64Array;
  /** Sites to open (cmclp, cpmedian); ignored by clscp. */
  p: number;
  mustOpen: Int32Array;
  singleSource: boolean;
  /** Clients with positive weight that no site can serve (cmclp, clscp: left out; cpmedian: infeasible). */
  unservable: Uint8Array;
  clientIds?: string[];
  siteIds?: string[];
  /** Weights and capacities integral: a bound within < 1 of the objective proves it (cmclp). */
  integral: boolean;
}

export interface CapacitatedSpec {
  model: CapacitatedModel;
  capacity: Float64Array;
  radius?: number;
  p?: number;
  mustOpen?: ArrayLike<number>;
  singleSource?: boolean;
}

export function capacitatedInstance(cm: CostMatrix, spec: CapacitatedSpec): CapacitatedInstance {
  const { nClients: n, nSites: m } = cm;
  if (spec.capacity.length !== m) throw new RangeError(`capacities: ${spec.capacity.length} given for ${m} sites`);
  const covering = spec.model !== 'cpmedian';
  if (covering && spec.radius === undefined) throw new RangeError(`model ${spec.model} needs radius`);
  if (spec.model !== 'clscp' && spec.p === undefined) throw new RangeError(`model ${spec.model} needs p`);
  const p = spec.model === 'clscp' ? m : spec.p!;
  if (p > m) throw new RangeError(`p = ${p} exceeds the ${m} sites`);
  const mustOpen = Int32Array.from(new Set(Array.from(spec.mustOpen ?? [])));
  if (spec.model !== 'clscp' && mustOpen.length > p) throw new RangeError(`${mustOpen.length} predefined sites exceed p = ${p}`);
  const start = new Int32Array(n + 1);
  const site: number[] = [];
  const arcCost: number[] = [];
  const unservable = new Uint8Array(n);
  const sp = cm.sparse; // a long cost table's listed pairs: no dense matrix needed
  for (let i = 0; i < n; i++) {
    const take = (j: number, d: number): void => {
      if (covering ? d <= spec.radius! : Number.isFinite(d)) {
        site.push(j);
        arcCost.push(d);
      }
    };
    if (sp) for (let e = sp.start[i]; e < sp.start[i + 1]; e++) take(sp.site[e], sp.cost[e]);
    else for (let j = 0; j < m; j++) take(j, cm.cost[i * m + j]);
    start[i + 1] = site.length;
    if (start[i + 1] === start[i] && cm.weight[i] > 0) unservable[i] = 1;
  }
  let integral = true;
  for (let i = 0; i < n; i++) if (!Number.isInteger(cm.weight[i])) integral = false;
  for (let j = 0; j < m; j++) if (!Number.isInteger(spec.capacity[j]) && Number.isFinite(spec.capacity[j])) integral = false;
  return {
    model: spec.model,
    n,
    m,
    weight: cm.weight,
    capacity: spec.capacity,
    start,
    site: Int32Array.from(site),
    cost: Float64Array.from(arcCost),
    p,
    mustOpen,
    singleSource: spec.singleSource ?? false,
    unservable,
    clientIds: cm.clientIds,
    siteIds: cm.siteIds,
    integral,
  };
}

/** Total weight, and the weight no site can serve. */
export function weights(inst: CapacitatedInstance): { total: number; unservable: number } {
  let total = 0;
  let unservable = 0;
  for (let i = 0; i < inst.n; i++) {
    total += inst.weight[i];
    if (inst.unservable[i]) unservable += inst.weight[i];
  }
  return { total, unservable };
}
