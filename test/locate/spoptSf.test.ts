import { describe, expect, it } from 'vitest';
import { readCostCsv } from '../../src/locate/io/costCsv.ts';
import { coverageFromCosts, type CostMatrix } from '../../src/locate/model/costMatrix.ts';
import { greedyState } from '../../src/locate/solvers/greedy.ts';
import { mclp } from '../../src/locate/models/mclp.ts';
import { lscp } from '../../src/locate/models/lscp.ts';
import { pmedian } from '../../src/locate/models/pmedian.ts';
import { pcenter } from '../../src/locate/models/pcenter.ts';
import { SF_COSTS, SF_DEMAND, haveData } from './fixtures.ts';

const have = haveData(SF_COSTS, SF_DEMAND);
const load = (): Promise<CostMatrix> => readCostCsv(SF_COSTS, { from: 'DestinationName', to: 'name', cost: 'distance', weight: 'demand' });

describe.skipIf(!have)('spopt San Francisco instance (radius 5000 m, p = 4)', () => {
  it('reads 205 tracts, 16 stores and 955,113 residents', async () => {
    const cm = await load();
    expect([cm.nClients, cm.nSites]).toEqual([205, 16]);
    expect(cm.weight.reduce((a, b) => a + b, 0)).toBe(955113);
  });

  it('takes the same weights from the demand file as from the cost file', async () => {
    const a = await load();
    const b = await readCostCsv(SF_COSTS, { from: 'DestinationName', to: 'name', cost: 'distance', demandFile: SF_DEMAND, demandId: 'NAME', demandWeight: 'POP2000' });
    expect(Array.from(b.weight)).toEqual(Array.from(a.weight));
  });

  it('greedy alone covers 872,611 residents', async () => {
    const cm = await load();
    expect(greedyState(coverageFromCosts(cm, 5000, { maxOpen: 4 })).covered).toBe(872611);
    const r = await mclp(cm, 5000, 4, { solver: 'greedy' });
    expect(r.objective).toBe(872611);
    expect(r.status).not.toBe('optimal');
    expect(r.bound).toBeGreaterThanOrEqual(875247);
  });

  it('exact MCLP proves 875,247 covered, beating greedy, with Store_2, 11, 12, 15', async () => {
    const r = await mclp(await load(), 5000, 4, { solver: 'exact' });
    expect(r.status).toBe('optimal');
    expect(r.objective).toBe(875247);
    expect(r.objective).toBeGreaterThan(872611);
    expect(r.gap).toBe(0);
    expect(r.selectedIds).toEqual(['Store_2', 'Store_11', 'Store_12', 'Store_15']);
    expect(r.coveredPercent).toBeCloseTo((100 * 875247) / 955113, 6);
  });

  it.each(['auto', 'local', 'lagrangian', 'jslp'] as const)('%s MCLP reaches 875,247 with a valid bound', async (solver) => {
    const r = await mclp(await load(), 5000, 4, { solver, timeLimit: 30 });
    expect(r.objective).toBe(875247);
    expect(r.bound).toBeGreaterThanOrEqual(875247);
    expect(r.gap).toBeCloseTo((r.bound - r.objective) / r.bound, 12);
  });

  it('honours predefined sites in MCLP', async () => {
    const cm = await load();
    const r = await mclp(cm, 5000, 4, { solver: 'exact', predefined: [cm.siteIds!.indexOf('Store_1')] });
    expect(r.status).toBe('optimal');
    expect(r.selectedIds).toContain('Store_1');
    expect(r.objective).toBeLessThanOrEqual(875247);
  });

  it('p-median proves a weighted mean distance of 2982.127 m', async () => {
    const r = await pmedian(await load(), 4, { solver: 'exact' });
    expect(r.status).toBe('optimal');
    expect(r.objective / 955113).toBeCloseTo(2982.127, 3);
    expect(r.objective).toBeCloseTo(2848268129.7, 0);
  });

  it('p-center proves a largest distance of 7403.06 m', async () => {
    const r = await pcenter(await load(), 4, { solver: 'exact' });
    expect(r.status).toBe('optimal');
    expect(r.objective).toBeCloseTo(7403.06, 2);
  });

  it('LSCP needs exactly 8 sites to cover every tract within 5000 m', async () => {
    const r = await lscp(await load(), 5000, { solver: 'exact' });
    expect(r.status).toBe('optimal');
    expect(r.objective).toBe(8);
    expect(r.selected).toHaveLength(8);
    expect(r.assignment!.every((j) => j >= 0)).toBe(true);
  });
});
