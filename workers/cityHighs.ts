/**
 * Piscina worker for the city-scale solve (src/optimize/citySolve.ts): one LP or MILP passed as arrays
 * (src/optimize/cityTask.ts) to HiGHS WebAssembly (one instance per worker, a fresh model per task); answers the column values, the row
 * duals of an LP and the MIP dual bound.
 */
import { reply, type WorkerReply } from '../src/parallel/reply.ts';
import type { CityHighsResult, CityHighsTask } from '../src/optimize/cityTask.ts';
import { readHighs } from '../src/locate/solvers/highs/outcome.ts';
import { loadHighs, mipDualBound, runOutcome, wasmModule, type HighsLoader } from './highsRuntime.ts';

/** One HiGHS instance per worker, reused by its tasks (each model is disposed after its solve): a city's small pieces would otherwise pay an instantiation each. */
let instance: ReturnType<HighsLoader> | undefined;

async function solve(task: CityHighsTask): Promise<CityHighsResult> {
  const t0 = performance.now();
  const wasm = await wasmModule();
  instance ??= loadHighs({ wasmModule: wasm });
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
    const { modelStatus, hasSolution, objective } = runOutcome(model);
    const sol = hasSolution ? model.getSolution() : undefined;
    let dualBound = NaN;
    if (task.integrality) dualBound = mipDualBound(model);
    else if (readHighs({ modelStatus }).optimal) dualBound = objective;
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
