/**
 * What the report's what-if panel needs to recompute coverage in the browser for any set of conversions,
 * with the engine's coverage rule (src/coverage/rule.ts, ported in client/coverage.js):
 *
 * - the rule's inputs: each age band's walking speed and each service's threshold (the scenario's own
 *   numbers), which services are basic, each block's population and age shares (exact, Float64);
 * - each block's nearest existing site per service, metres (src/coverage/static.ts nearestOpen on the
 *   run's travel matrix, -1 where none is within reach);
 * - the block x idle-space distances within reach (the travel matrix's candidate columns, the same matrix
 *   the run computes: src/travel/travelMatrix.ts out to reachM), by space;
 * - each idle space with the services that fit it (the scenario's `allowed`, resolved), their floor
 *   area and cost at that space (src/plan/cost.ts);
 * - the plan the panel starts from.
 *
 * Arrays go in as base64 typed arrays (typed.ts); a big report's in the compact form (compact.ts).
 */
import { N_AGE_BANDS } from '../../core/ageBands.ts';
import { thresholdMetres } from '../../coverage/rule.ts';
import { nearestOpen } from '../../coverage/static.ts';
import { candidateKindName } from '../../i18n/terms.ts';
import type { Lang } from '../../i18n/lang.ts';
import { conversionCost } from '../../plan/cost.ts';
import type { Plan } from '../../plan/types.ts';
import type { Scenario } from '../../scenario/types.ts';
import type { SparseDistanceMatrix } from '../../travel/matrix.ts';
import { dictColumn, exactColumn, isCompact, lonLatColumn, metresColumn, thresholdDistances } from './compact.ts';
import { r6 } from './geometry.ts';
import type { WhatIfCompact, WhatIfData, WhatIfSpace } from './data.ts';
import { typedToBase64 } from './typed.ts';

/**
 * The matrix's candidate columns, by space (blocks ascending within each); with `keep`, only the pairs
 * it keeps.
 */
function reachBySpace(sc: Scenario, matrix: SparseDistanceMatrix, keep?: (i: number, c: number, d: number) => boolean): { offsets: Int32Array; blocks: Int32Array; metres: Float64Array; within: number } {
  const F = sc.facilities.count;
  const C = sc.candidates.count;
  const counts = new Int32Array(C + 1);
  let within = 0;
  for (let i = 0; i < matrix.rows; i++) {
    for (let p = matrix.offsets[i]; p < matrix.offsets[i + 1]; p++) {
      const j = matrix.index[p];
      if (j < F) continue;
      within++;
      if (!keep || keep(i, j - F, matrix.metres[p])) counts[j - F + 1]++;
    }
  }
  for (let c = 0; c < C; c++) counts[c + 1] += counts[c];
  const fill = counts.slice(0, C);
  const blocks = new Int32Array(counts[C]);
  const metres = new Float64Array(counts[C]);
  for (let i = 0; i < matrix.rows; i++) {
    for (let p = matrix.offsets[i]; p < matrix.offsets[i + 1]; p++) {
      const j = matrix.index[p];
      if (j < F || (keep && !keep(i, j - F, matrix.metres[p]))) continue;
      const q = fill[j - F]++;
      blocks[q] = i;
      metres[q] = matrix.metres[p];
    }
  }
  return { offsets: counts, blocks, metres, within };
}

const spaceOptions = (sc: Scenario, c: number) =>
  Array.from(sc.candidates.allowedIndex.subarray(sc.candidates.allowedOffsets[c], sc.candidates.allowedOffsets[c + 1])).sort((a, b) => a - b);

function compactSpaces(sc: Scenario): WhatIfCompact['spaces'] {
  const cd = sc.candidates;
  const C = cd.count;
  const offsets = new Int32Array(C + 1);
  const service: number[] = [];
  const area: number[] = [];
  const cost: number[] = [];
  for (let c = 0; c < C; c++) {
    for (const s of spaceOptions(sc, c)) {
      const o = conversionCost(sc, { candidateIndex: c, serviceIndices: [s] });
      service.push(s);
      area.push(o.areaM2);
      cost.push(o.cost);
    }
    offsets[c + 1] = service.length;
  }
  return {
    count: C,
    ids: cd.ids.slice(0, C),
    names: cd.names.slice(0, C),
    kinds: dictColumn(cd.kinds.slice(0, C)),
    lonLat: lonLatColumn(cd.lon.subarray(0, C), cd.lat.subarray(0, C)),
    areaM2: exactColumn(cd.areaM2.subarray(0, C)),
    optionOffsets: typedToBase64(offsets),
    optionService: typedToBase64(Int32Array.from(service)),
    optionArea: exactColumn(area),
    optionCost: exactColumn(cost),
  };
}

/** Within each space, each block index as the difference from the previous one (the first from 0): small numbers that compress well. */
function blockDeltas(offsets: Int32Array, blocks: Int32Array): Int32Array {
  const out = new Int32Array(blocks.length);
  for (let c = 0; c + 1 < offsets.length; c++) for (let p = offsets[c]; p < offsets[c + 1]; p++) out[p] = p === offsets[c] ? blocks[p] : blocks[p] - blocks[p - 1];
  return out;
}

export function whatIfData(sc: Scenario, matrix: SparseDistanceMatrix, plan: Plan | null, lang: Lang): WhatIfData {
  const C = sc.candidates.count;
  const S = sc.services.length;
  const today = nearestOpen(sc, matrix);
  const nearest = Float64Array.from(today, (d) => (Number.isFinite(d) ? d : -1));
  const compact = isCompact(sc);
  // a big report keeps only the pairs that bring a service that fits the space nearer than today, and
  // within that service's threshold at the fastest band: the others change no covered flag
  const allowed = compact ? Array.from({ length: C }, (_, c) => spaceOptions(sc, c)) : [];
  const fastest = Math.max(...sc.behaviour.speedMps);
  const farthest = sc.services.map((s) => thresholdMetres(s.thresholdMin, fastest));
  const reach = reachBySpace(sc, matrix, compact ? (i, c, d) => allowed[c].some((s) => d < today[i * S + s] && d <= farthest[s]) : undefined);
  const common = {
    speeds: Array.from(sc.behaviour.speedMps),
    thresholds: sc.services.map((s) => s.thresholdMin),
    basic: sc.services.map((s) => s.category === 'basic'),
    initial: (plan?.conversions ?? []).map((c) => ({ space: c.candidateIndex, services: [...c.serviceIndices].sort((a, b) => a - b) })),
    budget: { maxConversions: sc.budget.maxConversions ?? null, maxCost: sc.budget.maxCost ?? null },
  };
  if (compact) {
    const thresholds = thresholdDistances(sc);
    return {
      ...common,
      population: [],
      ageShares: '',
      nearest: '',
      spaces: [],
      reach: { offsets: typedToBase64(reach.offsets), blocks: typedToBase64(blockDeltas(reach.offsets, reach.blocks)), metres: '', cutoffM: Math.round(matrix.cutoffM) },
      compact: { nearest: metresColumn(nearest, thresholds), reachMetres: metresColumn(reach.metres, thresholds), spaces: compactSpaces(sc), pairsWithinReach: reach.within },
    };
  }
  const cd = sc.candidates;
  const spaces: WhatIfSpace[] = Array.from({ length: C }, (_, c) => ({
    id: cd.ids[c],
    name: cd.names[c],
    kind: cd.kinds[c],
    kindName: candidateKindName(lang, cd.kinds[c]),
    lon: r6(cd.lon[c]),
    lat: r6(cd.lat[c]),
    areaM2: cd.areaM2[c],
    options: spaceOptions(sc, c).map((s) => ({ service: s, ...conversionCost(sc, { candidateIndex: c, serviceIndices: [s] }) })),
  }));
  const ageShares = Float64Array.from(sc.blocks.ageShares.subarray(0, sc.blocks.count * N_AGE_BANDS));
  return {
    ...common,
    population: Array.from(sc.blocks.population),
    ageShares: typedToBase64(ageShares),
    nearest: typedToBase64(nearest),
    spaces,
    reach: { offsets: typedToBase64(reach.offsets), blocks: typedToBase64(reach.blocks), metres: typedToBase64(reach.metres), cutoffM: Math.round(matrix.cutoffM) },
  };
}
