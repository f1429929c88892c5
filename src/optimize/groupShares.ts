/** Covered share of each equity group (an age band, or a block) of the siting model under a set of open options. */
import type { SitingInput } from '../locate/siting.ts';

export interface GroupShares {
  /** Per group: covered weight over its weight (0-1); NaN for a group without weight. */
  share: Float64Array;
  weight: Float64Array;
}

/** Shares of the groups in `groupOf` (per unit, -1: none; `n` groups) with `open` options open (null: only existing facilities). */
export function groupShares(input: SitingInput, groupOf: Int32Array, n: number, open: Uint8Array | null): GroupShares {
  const cov = new Float64Array(n);
  const tot = new Float64Array(n);
  for (let u = 0; u < input.unitWeight.length; u++) {
    const h = groupOf[u];
    if (h < 0) continue;
    tot[h] += input.unitWeight[u];
    let c = input.preCovered?.[u] === 1;
    if (open) for (let e = input.reachStart[u]; !c && e < input.reachStart[u + 1]; e++) if (open[input.reachOptions[e]]) c = true;
    if (c) cov[h] += input.unitWeight[u];
  }
  const share = new Float64Array(n);
  for (let h = 0; h < n; h++) share[h] = tot[h] > 0 ? cov[h] / tot[h] : NaN;
  return { share, weight: tot };
}

/** The group with the lowest share (groups without weight skipped): its index and share; -1 and 1 when none. */
export function lowestShare(g: GroupShares): { group: number; share: number } {
  let group = -1;
  let share = 1;
  for (let h = 0; h < g.share.length; h++) if (g.weight[h] > 0 && (group < 0 || g.share[h] < share)) [group, share] = [h, g.share[h]];
  return { group, share };
}
