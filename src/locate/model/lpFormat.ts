/**
 * Writing location models in CPLEX LP format — the text HiGHS (npm `highs`), CBC and most MILP
 * solvers read, and what `--show-model` prints. Variables: x<k> (open option k, binary), y<u>
 * (unit u covered, continuous in [0,1]), z<i>_<j> (client i served by j, continuous), r (radius).
 * Terms are wrapped a few per line to keep lines short for every reader.
 */
import type { CoverageInstance } from './coverage.ts';
import type { CostMatrix } from './costMatrix.ts';

function num(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(17).replace(/\.?0+$/, '');
}

export class LpText {
  private parts: string[] = [];
  line(s: string): void {
    this.parts.push(s, '\n');
  }
  /** A row `name: terms op rhs`, terms as [coef, var] pairs. */
  row(name: string, terms: [number, string][], op: string, rhs: number): void {
    this.parts.push(' ', name, ':');
    this.terms(terms);
    this.parts.push(' ', op, ' ', num(rhs), '\n');
  }
  terms(terms: [number, string][]): void {
    if (terms.length === 0) {
      this.parts.push(' 0 x_dummy');
      return;
    }
    for (let i = 0; i < terms.length; i++) {
      const [c, v] = terms[i];
      if (i > 0 && i % 8 === 0) this.parts.push('\n  ');
      const sign = c < 0 ? '-' : i === 0 ? '' : '+';
      const abs = Math.abs(c);
      this.parts.push(' ', sign, sign ? ' ' : '', abs === 1 ? '' : `${num(abs)} `, v);
    }
  }
  objective(sense: 'Maximize' | 'Minimize', terms: [number, string][]): void {
    this.parts.push(sense, '\n obj:');
    this.terms(terms);
    this.parts.push('\n');
  }
  list(header: string, names: string[]): void {
    if (names.length === 0) return;
    this.line(header);
    for (let i = 0; i < names.length; i += 10) this.line(` ${names.slice(i, i + 10).join(' ')}`);
  }
  toString(): string {
    return this.parts.join('');
  }
}

/**
 * The rows on the options alone (cardinality, budget, floor area per space, minimum count per class),
 * shared by every MILP of the coverage model; returns the x terms [1, x<k>] for the Binaries list.
 */
export function optionRows(lp: LpText, inst: CoverageInstance): [number, string][] {
  const allX: [number, string][] = [];
  for (let k = 0; k < inst.nOptions; k++) allX.push([1, `x${k}`]);
  if (Number.isFinite(inst.maxOpen)) lp.row('card', allX, '<=', inst.maxOpen);
  if (Number.isFinite(inst.budget)) {
    lp.row('budget', allX.map(([, v], k) => [inst.cost[k], v] as [number, string]).filter(([c]) => c !== 0), '<=', inst.budget);
  }
  for (let g = 0; g < inst.nGroups; g++) {
    if (!Number.isFinite(inst.groupCapacity[g])) continue;
    const terms: [number, string][] = [];
    for (let k = 0; k < inst.nOptions; k++) if (inst.group[k] === g && inst.area[k] !== 0) terms.push([inst.area[k], `x${k}`]);
    if (terms.length) lp.row(`space${g}`, terms, '<=', inst.groupCapacity[g]);
  }
  for (let c = 0; c < inst.nClasses; c++) {
    if (inst.classMin[c] <= 0) continue;
    const terms: [number, string][] = [];
    for (let k = 0; k < inst.nOptions; k++) if (inst.optionClass[k] === c) terms.push([1, `x${k}`]);
    lp.row(`class${c}`, terms, '>=', inst.classMin[c]);
  }
  return allX;
}

/** The generalized coverage model (max covered weight) as a MILP. Pre-covered and uncoverable units are omitted. */
export function coverageLp(inst: CoverageInstance): string {
  const lp = new LpText();
  const active = (u: number): boolean => !inst.preCovered[u] && inst.coverStart[u + 1] > inst.coverStart[u];
  const obj: [number, string][] = [];
  for (let u = 0; u < inst.nUnits; u++) if (active(u) && inst.weight[u] > 0) obj.push([inst.weight[u], `y${u}`]);
  lp.objective('Maximize', obj);
  lp.line('Subject To');
  const yVars: string[] = [];
  for (let u = 0; u < inst.nUnits; u++) {
    if (!active(u)) continue;
    if (inst.weight[u] <= 0 && inst.unitGroup[u] < 0 && !inst.equityGroupings?.some((g) => g.unitGroup[u] >= 0)) continue;
    yVars.push(`y${u}`);
    const terms: [number, string][] = [[1, `y${u}`]];
    for (let e = inst.coverStart[u]; e < inst.coverStart[u + 1]; e++) terms.push([-1, `x${inst.coverOptions[e]}`]);
    lp.row(`c${u}`, terms, '<=', 0);
  }
  const allX = optionRows(lp, inst);
  for (let h = 0; h < inst.nUnitGroups; h++) {
    if (inst.equityShare[h] <= 0) continue;
    let total = 0;
    let pre = 0;
    const terms: [number, string][] = [];
    for (let u = 0; u < inst.nUnits; u++) {
      if (inst.unitGroup[u] !== h) continue;
      total += inst.weight[u];
      if (inst.preCovered[u]) pre += inst.weight[u];
      else if (active(u) && inst.weight[u] > 0) terms.push([inst.weight[u], `y${u}`]);
    }
    lp.row(`equity${h}`, terms, '>=', inst.equityShare[h] * total - pre);
  }
  (inst.equityGroupings ?? []).forEach((g, t) => {
    const total = new Float64Array(g.equityShare.length);
    const pre = new Float64Array(g.equityShare.length);
    const terms: [number, string][][] = Array.from({ length: g.equityShare.length }, () => []);
    for (let u = 0; u < inst.nUnits; u++) {
      const h = g.unitGroup[u];
      if (h < 0 || !(g.equityShare[h] > 0)) continue;
      total[h] += inst.weight[u];
      if (inst.preCovered[u]) pre[h] += inst.weight[u];
      else if (active(u) && inst.weight[u] > 0) terms[h].push([inst.weight[u], `y${u}`]);
    }
    for (let h = 0; h < g.equityShare.length; h++) if (g.equityShare[h] > 0) lp.row(`equity${t + 1}_${h}`, terms[h], '>=', g.equityShare[h] * total[h] - pre[h]);
  });
  lp.line('Bounds');
  for (const v of yVars) lp.line(` 0 <= ${v} <= 1`);
  for (const k of inst.mustOpen) lp.line(` x${k} = 1`);
  lp.list('Binaries', allX.map(([, v]) => v));
  lp.line('End');
  return lp.toString();
}

/** Location set covering: min total cost of open options so that every coverable unit is covered. */
export function setCoverLp(inst: CoverageInstance): string {
  const lp = new LpText();
  const obj: [number, string][] = [];
  for (let k = 0; k < inst.nOptions; k++) obj.push([inst.cost[k], `x${k}`]);
  lp.objective('Minimize', obj);
  lp.line('Subject To');
  for (let u = 0; u < inst.nUnits; u++) {
    if (inst.preCovered[u] || inst.coverStart[u + 1] === inst.coverStart[u]) continue;
    const terms: [number, string][] = [];
    for (let e = inst.coverStart[u]; e < inst.coverStart[u + 1]; e++) terms.push([1, `x${inst.coverOptions[e]}`]);
    lp.row(`c${u}`, terms, '>=', 1);
  }
  if (inst.mustOpen.length) {
    lp.line('Bounds');
    for (const k of inst.mustOpen) lp.line(` x${k} = 1`);
  }
  lp.list('Binaries', obj.map(([, v]) => v));
  lp.line('End');
  return lp.toString();
}

/** p-median: min sum_i w_i d_ij z_ij, each client assigned once, z_ij <= x_j, sum x = p. */
export function pMedianLp(cm: CostMatrix, p: number, mustOpen: ArrayLike<number>): string {
  const { nClients: n, nSites: m, cost, weight } = cm;
  const lp = new LpText();
  const obj: [number, string][] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) {
    const d = cost[i * m + j];
    if (Number.isFinite(d)) obj.push([weight[i] * d, `z${i}_${j}`]);
  }
  lp.objective('Minimize', obj);
  lp.line('Subject To');
  for (let i = 0; i < n; i++) {
    const terms: [number, string][] = [];
    for (let j = 0; j < m; j++) if (Number.isFinite(cost[i * m + j])) terms.push([1, `z${i}_${j}`]);
    lp.row(`a${i}`, terms, '=', 1);
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) {
    if (Number.isFinite(cost[i * m + j])) lp.row(`l${i}_${j}`, [[1, `z${i}_${j}`], [-1, `x${j}`]], '<=', 0);
  }
  const xs: [number, string][] = [];
  for (let j = 0; j < m; j++) xs.push([1, `x${j}`]);
  lp.row('card', xs, '=', p);
  if (mustOpen.length) lp.line('Bounds'); // z >= 0 by default; z <= x <= 1 bounds it above
  for (let t = 0; t < mustOpen.length; t++) lp.line(` x${mustOpen[t]} = 1`);
  lp.list('Binaries', xs.map(([, v]) => v));
  lp.line('End');
  return lp.toString();
}
