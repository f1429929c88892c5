import { describe, expect, it } from 'vitest';
import { mergeChoiceInputs } from '../../src/simulate/choiceInputs.ts';
import type { ChoiceInputs } from '../../src/simulate/choiceInputs.ts';
import { ChoiceSets } from '../../src/simulate/choiceSets.ts';
import { joinRechoiceGroups, RechoiceGroupBuffer, type RechoiceGroups } from '../../src/simulate/rechoice.ts';
import { simulateShard } from '../../src/simulate/shard.ts';
import { resolveOptions, simulate } from '../../src/simulate/simulate.ts';
import { siteCatalogue } from '../../src/travel/sites.ts';
import type { SimulateShardTask, SimulateStatic } from '../../src/simulate/task.ts';
import { EVEN_SHARES, tinyScenario } from './fixtures.ts';

const { scenario, matrix } = tinyScenario({
  services: [{ id: 'grocery', rates: [1, 1, 1, 1, 1, 1] }],
  blocks: [{ id: 'a', population: 50, shares: EVEN_SHARES }, { id: 'b', population: 70, shares: EVEN_SHARES }],
  facilities: [{ id: 'g', services: ['grocery'] }],
  metres: [[300], [500]],
});

function task(loadsOnly: boolean, sc = scenario, m = matrix): SimulateShardTask {
  const sites = siteCatalogue(sc, { conversions: [] });
  const r = resolveOptions(sc, {});
  return {
    ctx: {
      seed: r.seed,
      nServices: 1,
      thresholdMin: Float64Array.of(15),
      basic: Uint8Array.of(1),
      speedMps: sc.behaviour.speedMps,
      tripsPerDay: sc.behaviour.tripsPerDay,
      departureProfile: sc.behaviour.departureProfile,
      chainProbability: 0,
      nSites: sites.count,
      siteLon: sites.lon,
      siteLat: sites.lat,
      siteServiceOffsets: sites.serviceOffsets,
      siteServiceIndex: sites.serviceIndex,
      matrixOffsets: m.offsets,
      matrixIndex: m.index,
      matrixMetres: m.metres,
      choice: 'nearest',
      betaPerMin: r.betaPerMin,
      speedSpread: r.speedSpread,
      dwellMin: r.dwellMin,
      detourFactor: r.detourFactor,
      f15Min: 15,
    },
    blockStart: 0,
    blockEnd: 2,
    firstResident: 0,
    blockIds: ['a', 'b'],
    population: Int32Array.of(50, 70),
    ageShares: Float64Array.from([...EVEN_SHARES, ...EVEN_SHARES]),
    prices: null,
    loadsOnly,
    keepResidents: true,
  };
}

const town = tinyScenario({
  services: [{ id: 'grocery', rates: [1, 1, 2, 1, 1, 1] }, { id: 'clinic', rates: [0.5, 0.2, 0.3, 0.4, 1, 1.5] }],
  blocks: ['a', 'b', 'c', 'd', 'e'].map((id, k) => ({ id, population: 40 + 30 * k, shares: EVEN_SHARES })),
  facilities: [{ id: 'g1', services: ['grocery'] }, { id: 'g2', services: ['grocery', 'clinic'] }, { id: 'c1', services: ['clinic'] }],
  metres: [[300, 500, 900], [800, 400, Infinity], [Infinity, Infinity, 200], [350, 350, 600], [Infinity, Infinity, Infinity]],
});

/** The reference: the re-choice groups of a whole day built from its merged inputs in one go. */
function rechoiceGroups(ctx: SimulateStatic, inputs: ChoiceInputs, nBlocks: number): RechoiceGroups {
  const nS = inputs.nServices;
  const cs = new ChoiceSets(nS);
  const buf = new RechoiceGroupBuffer(ctx.nSites, false);
  let at = 0;
  for (let b = 0; b < nBlocks; b++) {
    let n = 0;
    for (let s = 0; s < nS; s++) n += inputs.count[b * nS + s];
    if (n === 0) continue;
    cs.build(ctx, b);
    buf.addBlock(cs, b, inputs.count, b * nS, at);
    at += n;
  }
  const g = buf.groupsAdded();
  return { ...g, setOffsets: g.setOffsets.slice(), setSite: g.setSite.slice(), setMetres: g.setMetres.slice(), tripStart: g.tripStart.slice(), tripCount: g.tripCount.slice(), block: g.block.slice(), nearest: g.nearest.slice() };
}

describe('simulation shards', () => {
  it("build the capacity loop's re-choice groups as the whole day's, however the day is cut", () => {
    const [sc, m] = [town.scenario, town.matrix];
    const whole = task(false, sc, m);
    const ctx = { ...whole.ctx, nServices: 2, thresholdMin: Float64Array.of(15, 15), basic: Uint8Array.of(1, 1) };
    const cut = [[0, 2], [2, 2], [2, 5]].map(([b0, b1]) => simulateShard({ ...whole, ctx, blockStart: b0, blockEnd: b1, blockIds: sc.blocks.ids.slice(b0, b1), population: sc.blocks.population.slice(b0, b1), ageShares: sc.blocks.ageShares.slice(b0 * 6, b1 * 6), firstResident: 0, exportChoices: true }, false));
    const inputs = mergeChoiceInputs(cut.map((sh) => ({ blockStart: sh.blockStart, inputs: sh.choices! })), 5, 2, false);
    let tripOffset = 0;
    const joined = joinRechoiceGroups(cut.map((sh) => ({ groups: sh.groups!, tripOffset: (tripOffset += sh.choices!.speed.length) - sh.choices!.speed.length })), ctx.nSites);
    const reference = rechoiceGroups(ctx, inputs, 5);
    expect(reference.tripCount.length).toBeGreaterThan(2);
    for (const k of ['fixed', 'setOffsets', 'setSite', 'setMetres', 'tripStart', 'tripCount', 'block', 'nearest'] as const) expect([...joined[k]], k).toEqual([...reference[k]]);
  });

  it('return their columns in shared memory when run in a worker, so they cross threads without a copy', () => {
    const r = simulateShard(task(false), true);
    expect(r.tripCols!.walkMin.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(r.residentCols!.speedMps.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(r.tripsBBS.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('tally the same loads with or without building the trip table', () => {
    const full = simulateShard(task(false), false);
    const lean = simulateShard(task(true), false);
    expect(lean.tripCols).toBeNull();
    expect(lean.residentCols).toBeNull();
    expect([...lean.loads]).toEqual([...full.loads]);
    expect([...lean.tripsBBS]).toEqual([...full.tripsBBS]);
    expect(lean.draws).toBe(full.draws);
  });

  it('refuse an unknown choice model or a positive logit coefficient', async () => {
    await expect(simulate(scenario, matrix, { choice: 'gravity' as never })).rejects.toThrow(/choice/);
    await expect(simulate(scenario, matrix, { betaPerMin: 0.3 })).rejects.toThrow(/betaPerMin/);
  });

  it('refuse a distance matrix that does not match the scenario', async () => {
    await expect(simulate(scenario, { ...matrix, rows: 5 })).rejects.toThrow(/rows/);
  });
});
