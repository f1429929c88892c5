/**
 * Piscina worker for the city-scale solve (src/optimize/citySolve.ts): one LP or MILP passed as arrays
 * (src/optimize/cityTask.ts) to HiGHS WebAssembly (one instance per worker, a fresh model per task); answers the column values, the row
 * duals of an LP and the MIP dual bound.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import highsModule from 'highs';
import { reply, type WorkerReply } from '../src/parallel/reply.ts';
import type { CityHighsResult, CityHighsTask } from '../src/optimize/cityTask.ts';
import { highsStatusName, readHighs } from '../src/locate/solvers/highs/outcome.ts';

const require = createRequire(import.meta.url);
type HighsLoader = typeof import('highs').default;
const loadHighs: HighsLoader = ((highsModule as unknown as { default?: HighsLoader }).default ?? highsModule) as HighsLoader;
type WasmModule = NonNullable<Parameters<HighsLoader>[0]>['wasmModule'];
const Wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WasmModule> } }).WebAssembly;
let compiled: Promise<WasmModule> | undefined;
/** One HiGHS instance per worker, reused by its tasks (each model is disposed after its solve): a city's small pieces would otherwise pay an instantiation each. */
let instance: ReturnType<HighsLoader> | undefined;

async function solve(task: CityHighsTask): Promise<CityHighsResult> {
  const t0 = performance.now();
  compiled ??= Wasm.compile(fs.readFileSync(require.resolve('highs/runtime')));
  const wasmModule = await compiled;
  instance ??= loadHighs({ wasmModule });
  const highs = await instance;
  const inf = (v: number) => (v === Infinity ? highs.infinity : v === -Infinity ? -highs.infinity : v);
  const model = highs.createModel({
    numCols: task.numCols,
    numRows: task.numRows,
    sense: highs.constants.objectiveSense.maximize,
    colCost: task.colCost,
    colLower: task.colLower,
    colUpper: task.colUpper,
    rowLower: task.rowLower.map(inf),
    rowUpper: task.rowUpper.map(inf),
    matrix: { format: 'csr', numRows: task.numRows, numCols: task.numCols, starts: task.starts, indices: task.indices, values: task.values },
    ...(task.integrality && { integrality: task.integrality }),
  } as never);
  try {
    model.options.set({ output_flag: false, ...task.options });
    if (task.start) {
      const idx: number[] = [];
      const val: number[] = [];
      task.start.forEach((v, j) => {
        if (!Number.isNaN(v)) {
          idx.push(j);
          val.push(v);
        }
      });
      try {
        model.setSolution({ indices: Int32Array.from(idx), values: Float64Array.from(val) } as never);
      } catch {
        // a rejected start only costs HiGHS the incumbent it would have had
      }
    }
    model.run();
    const modelStatus = highsStatusName(model.getModelStatus() as number);
    let hasSolution = false;
    try {
      hasSolution = Number(model.info.get('primal_solution_status')) === 2;
    } catch {
      hasSolution = false;
    }
    const sol = hasSolution ? model.getSolution() : undefined;
    const objective = hasSolution ? model.getObjectiveValue() : NaN;
    let dualBound = NaN;
    if (task.integrality) {
      try {
        dualBound = Number(model.info.get('mip_dual_bound'));
      } catch {
        dualBound = NaN;
      }
    } else if (readHighs({ modelStatus }).optimal) dualBound = objective;
    return {
      modelStatus,
      hasSolution,
      objective,
      dualBound,
      colValue: sol ? Float64Array.from(sol.colValue) : new Float64Array(0),
      rowDual: sol && !task.integrality ? Float64Array.from(sol.rowDual) : new Float64Array(0),
      seconds: (performance.now() - t0) / 1000,
    };
  } catch (e) {
    instance = undefined; // a failed solve may leave the instance unusable: the next task loads a fresh one
    throw e;
  } finally {
    model.dispose();
  }
}

export default async function cityHighsWorker(task: CityHighsTask): Promise<WorkerReply<CityHighsResult>> {
  return reply(() => solve(task));
}
