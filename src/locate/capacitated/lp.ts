/**
 * The capacitated models as MILPs in CPLEX LP format (the text HiGHS and CBC read; `--show-model`):
 * x<j> open site j (binary), a<i>_<j> share of client i served by site j (continuous in [0, 1], or
 * binary when single-sourced). Rows: c<i> the client's shares (<= 1 for cmclp, = 1 otherwise),
 * k<j> capacity sum_i w_i a_ij <= cap_j x_j, l<i>_<j> a_ij <= x_j, card sum x = p (cmclp, cpmedian).
 * Clients of weight 0, and clients no site can serve in cmclp and clscp, are left out.
 */
import { LpText } from '../model/lpFormat.ts';
import type { CapacitatedInstance } from './instance.ts';

/** Clients the model holds. */
export function modelClient(inst: CapacitatedInstance, i: number): boolean {
  if (!(inst.weight[i] > 0)) return false;
  return inst.model === 'cpmedian' || !inst.unservable[i];
}

export function capacitatedLp(inst: CapacitatedInstance): string {
  const lp = new LpText();
  const aName = (i: number, e: number) => `a${i}_${inst.site[e]}`;
  const obj: [number, string][] = [];
  if (inst.model === 'clscp') for (let j = 0; j < inst.m; j++) obj.push([1, `x${j}`]);
  else {
    for (let i = 0; i < inst.n; i++) {
      if (!modelClient(inst, i)) continue;
      for (let e = inst.start[i]; e < inst.start[i + 1]; e++) {
        const c = inst.model === 'cmclp' ? inst.weight[i] : inst.weight[i] * inst.cost[e];
        if (c !== 0) obj.push([c, aName(i, e)]);
      }
    }
  }
  lp.objective(inst.model === 'cmclp' ? 'Maximize' : 'Minimize', obj);
  lp.line('Subject To');
  const aVars: string[] = [];
  const perSite: [number, string][][] = Array.from({ length: inst.m }, () => []);
  for (let i = 0; i < inst.n; i++) {
    if (!modelClient(inst, i)) continue;
    const terms: [number, string][] = [];
    for (let e = inst.start[i]; e < inst.start[i + 1]; e++) {
      const v = aName(i, e);
      terms.push([1, v]);
      aVars.push(v);
      perSite[inst.site[e]].push([inst.weight[i], v]);
    }
    lp.row(`c${i}`, terms, inst.model === 'cmclp' ? '<=' : '=', 1);
  }
  for (let j = 0; j < inst.m; j++) {
    if (perSite[j].length === 0) continue;
    lp.row(`k${j}`, [...perSite[j], [-inst.capacity[j], `x${j}`]], '<=', 0);
  }
  for (let i = 0; i < inst.n; i++) {
    if (!modelClient(inst, i)) continue;
    for (let e = inst.start[i]; e < inst.start[i + 1]; e++) lp.row(`l${i}_${inst.site[e]}`, [[1, aName(i, e)], [-1, `x${inst.site[e]}`]], '<=', 0);
  }
  const xs: [number, string][] = [];
  for (let j = 0; j < inst.m; j++) xs.push([1, `x${j}`]);
  if (inst.model !== 'clscp') lp.row('card', xs, '=', inst.p);
  lp.line('Bounds');
  if (!inst.singleSource) for (const v of aVars) lp.line(` 0 <= ${v} <= 1`);
  for (const j of inst.mustOpen) lp.line(` x${j} = 1`);
  lp.list('Binaries', inst.singleSource ? [...xs.map(([, v]) => v), ...aVars] : xs.map(([, v]) => v));
  lp.line('End');
  return lp.toString();
}
