/**
 * One entry point for the classic location models on a cost matrix; every model and solver returns
 * the same LocateResult. Coverage rule: client i is covered by site j when cost[i][j] <= radius.
 *
 *   locate('mclp', cm, { radius, p })      max covered weight with p sites
 *   locate('lscp', cm, { radius })         fewest sites covering every coverable client
 *   locate('pmedian', cm, { p })           min total weighted cost to the nearest open site
 *   locate('pcenter', cm, { p })           min largest cost to the nearest open site
 * Options: solver (auto|exact|jslp|greedy|local|lagrangian), timeLimit (s), threads, seed, starts,
 * mipRelGap, predefined (must-open site indices).
 */
import type { CostMatrix } from './model/costMatrix.ts';
import type { LocateResult } from './model/result.ts';
import type { ClassicOptions } from './models/common.ts';
import { mclp } from './models/mclp.ts';
import { lscp } from './models/lscp.ts';
import { pmedian } from './models/pmedian.ts';
import { pcenter } from './models/pcenter.ts';

export type ClassicModel = 'mclp' | 'lscp' | 'pmedian' | 'pcenter';
export const CLASSIC_MODELS: ClassicModel[] = ['mclp', 'lscp', 'pmedian', 'pcenter'];

export interface LocateOptions extends ClassicOptions {
  radius?: number;
  p?: number;
}

export function locate(model: ClassicModel, cm: CostMatrix, opts: LocateOptions): Promise<LocateResult> {
  const need = (name: 'radius' | 'p'): number => {
    const v = opts[name];
    if (v === undefined) throw new RangeError(`model ${model} needs ${name}`);
    return v;
  };
  switch (model) {
    case 'mclp':
      return mclp(cm, need('radius'), need('p'), opts);
    case 'lscp':
      return lscp(cm, need('radius'), opts);
    case 'pmedian':
      return pmedian(cm, need('p'), opts);
    case 'pcenter':
      return pcenter(cm, need('p'), opts);
    default:
      throw new RangeError(`unknown model '${String(model)}'`);
  }
}
