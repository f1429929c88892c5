/**
 * Lagrangian lower bound for p-median (Beasley 1993): relaxing "each client assigned once" with
 * multipliers lambda[i] gives
 *   L(lambda) = sum_i lambda[i] + min_{x: sum x = p, predefined open} sum_j x[j] rho[j],
 *   rho[j] = sum_i min(0, w[i] d[i][j] - lambda[i]),
 * a valid lower bound for every lambda; subgradient steps on g[i] = 1 - (number of open j with
 * w[i] d[i][j] < lambda[i]) tighten it towards the LP bound.
 */
import type { CostMatrix } from '../model/costMatrix.ts';

export function pMedianLagrangian(cm: CostMatrix, p: number, predefined: number[], upper: number, opts: { maxIterations?: number; deadline?: number } = {}): { bound: number; iterations: number } {
  const { nClients: n, nSites: m, cost, weight } = cm;
  const must = new Uint8Array(m);
  for (const j of predefined) must[j] = 1;
  const lambda = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let a = Infinity;
    let b = Infinity;
    for (let j = 0; j < m; j++) {
      const c = weight[i] * cost[i * m + j];
      if (c < a) {
        b = a;
        a = c;
      } else if (c < b) b = c;
    }
    lambda[i] = Number.isFinite(b) ? b : a;
  }
  const rho = new Float64Array(m);
  const order = Array.from({ length: m }, (_, j) => j);
  const open = new Uint8Array(m);
  let best = -Infinity;
  let alpha = 2;
  let stall = 0;
  const maxIt = opts.maxIterations ?? 500;
  const deadline = opts.deadline ?? Infinity;
  let it = 0;
  const g = new Float64Array(n);
  for (; it < maxIt; it++) {
    if (it > 0 && performance.now() > deadline) break;
    rho.fill(0);
    let sumL = 0;
    for (let i = 0; i < n; i++) {
      sumL += lambda[i];
      const li = lambda[i];
      const wi = weight[i];
      const row = i * m;
      for (let j = 0; j < m; j++) {
        const v = wi * cost[row + j] - li;
        if (v < 0) rho[j] += v;
      }
    }
    order.sort((a, b) => (must[b] - must[a]) || rho[a] - rho[b] || a - b);
    open.fill(0);
    let L = sumL;
    for (let t = 0; t < p; t++) {
      open[order[t]] = 1;
      L += rho[order[t]];
    }
    if (best === -Infinity || L > best + 1e-9 * Math.max(1, Math.abs(best))) {
      best = L;
      stall = 0;
    } else if (++stall >= 20) {
      alpha /= 2;
      stall = 0;
    }
    if (upper - best <= 1e-9 * Math.max(1, Math.abs(upper)) || alpha < 1e-5) break;
    let norm = 0;
    for (let i = 0; i < n; i++) {
      let cnt = 0;
      const row = i * m;
      for (let j = 0; j < m; j++) if (open[j] && weight[i] * cost[row + j] - lambda[i] < 0) cnt++;
      g[i] = 1 - cnt;
      norm += g[i] * g[i];
    }
    if (norm === 0) break;
    const step = (alpha * Math.max(upper - L, 1e-6 * Math.max(1, Math.abs(upper)))) / norm;
    for (let i = 0; i < n; i++) lambda[i] = Math.max(0, lambda[i] + step * g[i]);
  }
  return { bound: best, iterations: it };
}
