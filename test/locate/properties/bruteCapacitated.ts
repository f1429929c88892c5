/**
 * An independent oracle for the capacitated models on tiny instances: every selection of sites is
 * enumerated; split demand is then an exact transportation LP solved by HiGHS in this thread (written
 * here, not by src/locate/capacitated/lp.ts), single-sourced demand an enumeration of every assignment.
 */
import highsModule from 'highs';
import seedrandom from 'seedrandom';
import type { CostMatrix } from '../../../src/locate/model/costMatrix.ts';

type Loader = typeof import('highs').default;
const loadHighs: Loader = ((highsModule as unknown as { default?: Loader }).default ?? highsModule) as Loader;
let highs: Awaited<ReturnType<Loader>> | undefined;

export interface Tiny {
  cm: CostMatrix;
  capacity: Float64Array;
  radius: number;
  p: number;
}

/** n clients and m sites uniform on a 100 x 100 square, integer costs and weights, capacities 4..20. */
export function tinyInstance(seed: string, n = 6, m = 5): Tiny {
  const rng = seedrandom.alea(seed);
  const pts = Array.from({ length: n + m }, () => [rng() * 100, rng() * 100]);
  const cost = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) cost[i * m + j] = Math.round(Math.hypot(pts[i][0] - pts[n + j][0], pts[i][1] - pts[n + j][1]));
  const weight = Float64Array.from({ length: n }, () => 1 + Math.floor(rng() * 9));
  const capacity = Float64Array.from({ length: m }, () => 4 + Math.floor(rng() * 17));
  return { cm: { nClients: n, nSites: m, cost, weight }, capacity, radius: 45 + Math.floor(rng() * 20), p: 2 };
}

type Model = 'cmclp' | 'clscp' | 'cpmedian';

function eligible(t: Tiny, model: Model, i: number, j: number): boolean {
  const d = t.cm.cost[i * t.cm.nSites + j];
  return model === 'cpmedian' ? Number.isFinite(d) : d <= t.radius;
}

/** The transportation LP of one selection: served weight (cmclp), feasibility (clscp), cost (cpmedian). */
async function transport(t: Tiny, model: Model, open: number[]): Promise<number> {
  highs ??= await loadHighs();
  const { nClients: n, nSites: m, weight, cost } = t.cm;
  const obj: string[] = [];
  const rows: string[] = [];
  const vars: string[] = [];
  const perSite: string[][] = Array.from({ length: m }, () => []);
  const reachable = (i: number) => open.some((j) => eligible(t, model, i, j));
  for (let i = 0; i < n; i++) {
    const terms: string[] = [];
    for (const j of open) {
      if (!eligible(t, model, i, j)) continue;
      const v = `f${i}_${j}`;
      vars.push(v);
      terms.push(v);
      perSite[j].push(v);
      obj.push(`${model === 'cpmedian' ? cost[i * m + j] : model === 'cmclp' ? 1 : 0} ${v}`);
    }
    const everyClient = model === 'cpmedian' || (model === 'clscp' && Array.from({ length: m }, (_, j) => j).some((j) => eligible(t, model, i, j)));
    if (everyClient && !reachable(i)) return Infinity; // a client that must be served cannot be
    if (terms.length) rows.push(` r${i}: ${terms.join(' + ')} ${model === 'cmclp' || !everyClient ? '<=' : '='} ${weight[i]}`);
  }
  for (const j of open) if (perSite[j].length) rows.push(` k${j}: ${perSite[j].join(' + ')} <= ${t.capacity[j]}`);
  if (vars.length === 0) return model === 'cmclp' ? 0 : model === 'clscp' ? open.length : 0;
  const lp = `${model === 'cmclp' ? 'Maximize' : 'Minimize'}\n obj: ${obj.join(' + ')}\nSubject To\n${rows.join('\n')}\nEnd\n`;
  const r = highs.solve(lp);
  if (r.Status === 'Infeasible') return Infinity;
  if (r.Status !== 'Optimal') throw new Error(`oracle LP: ${r.Status}`);
  return model === 'clscp' ? open.length : r.ObjectiveValue;
}

/** Single source: every assignment of clients to open eligible sites (or none for cmclp and unreachable clscp clients). */
function assignments(t: Tiny, model: Model, open: number[]): number {
  const { nClients: n, nSites: m, weight, cost } = t.cm;
  const choices: number[][] = [];
  for (let i = 0; i < n; i++) {
    const c = open.filter((j) => eligible(t, model, i, j));
    const mustServe = model === 'cpmedian' || (model === 'clscp' && Array.from({ length: m }, (_, j) => j).some((j) => eligible(t, model, i, j)));
    choices.push(mustServe ? c : [-1, ...c]);
  }
  let best = model === 'cmclp' ? -Infinity : Infinity;
  const load = new Float64Array(m);
  const rec = (i: number, val: number): void => {
    if (i === n) {
      const v = model === 'clscp' ? open.length : val;
      if (model === 'cmclp' ? v > best : v < best) best = v;
      return;
    }
    for (const j of choices[i]) {
      if (j < 0) {
        rec(i + 1, val);
        continue;
      }
      if (load[j] + weight[i] > t.capacity[j]) continue;
      load[j] += weight[i];
      rec(i + 1, val + (model === 'cmclp' ? weight[i] : model === 'cpmedian' ? weight[i] * cost[i * m + j] : 0));
      load[j] -= weight[i];
    }
  };
  rec(0, 0);
  return best;
}

function subsets(m: number, size: number | undefined): number[][] {
  const out: number[][] = [];
  for (let mask = 0; mask < 1 << m; mask++) {
    const s: number[] = [];
    for (let j = 0; j < m; j++) if (mask & (1 << j)) s.push(j);
    if (size === undefined || s.length === size) out.push(s);
  }
  return out;
}

/** The optimum by brute force: max for cmclp, min otherwise; -Infinity / Infinity when infeasible. */
export async function bruteCapacitated(t: Tiny, model: Model, singleSource: boolean): Promise<number> {
  let best = model === 'cmclp' ? -Infinity : Infinity;
  for (const open of subsets(t.cm.nSites, model === 'clscp' ? undefined : t.p)) {
    const v = singleSource ? assignments(t, model, open) : await transport(t, model, open);
    if (model === 'cmclp' ? v > best : v < best) best = v;
  }
  return best;
}
