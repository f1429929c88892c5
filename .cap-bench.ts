import { generateCity } from './src/scenario/generate.ts';
import { computeDistanceMatrix } from './src/travel/travelMatrix.ts';
import { simulate } from './src/simulate/simulate.ts';
import { reachM } from './src/travel/reach.ts';
import { createPool } from './src/parallel/pool.ts';
const sc = await generateCity({ residents: 1_000_000, seed: 7 } as never);
const m = await computeDistanceMatrix(sc, reachM(sc));
const pool = createPool(2);
await simulate(sc, m, { threads: 2, pool, capacity: false });
const t: number[] = [];
for (let k = 0; k < 3; k++) { const t0 = performance.now(); await simulate(sc, m, { threads: 2, pool, keepResidents: false }); t.push((performance.now() - t0) / 1000); }
await pool.destroy();
t.sort((a, b) => a - b);
console.log(process.cwd(), 'capacities', t.map((x) => x.toFixed(2)).join(' '));
