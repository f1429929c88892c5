/**
 * Piscina worker: solves one CPLEX-LP-format model with a FRESH HiGHS WebAssembly instance per task
 * (each instance owns its own ~2 GiB-capped heap, so a previous solve's memory or a WebAssembly abort
 * never leaks into the next). The compiled WebAssembly module is cached; instantiation is cheap.
 */
import { reply, type WorkerReply } from '../src/parallel/reply.ts';
import { type HighsProbeTask, type HighsProbeTaskResult, type HighsTask, type HighsTaskResult } from '../src/locate/solvers/highs/highsTask.ts';
import { probeModel } from '../src/locate/solvers/highs/lpProbe.ts';
import { readHighs } from '../src/locate/solvers/highs/outcome.ts';
import { loadHighs, mipDualBound, runOutcome, wasmModule } from './highsRuntime.ts';

export async function solveHighs(task: HighsTask): Promise<HighsTaskResult> {
  const t0 = performance.now();
  const highs = await loadHighs({ wasmModule: await wasmModule() });
  const model = highs.createModel({ format: 'lp', data: task.lp });
  try {
    model.options.set({ output_flag: false, ...task.options });
    const dims = model.getDimensions();
    const names: string[] = new Array(dims.numCols);
    for (let i = 0; i < dims.numCols; i++) names[i] = model.getColName(i);
    let warmStart: HighsTaskResult['warmStart'] = 'none';
    if (task.startNames && task.startValues && task.startNames.length > 0) {
      const index = new Map<string, number>();
      for (let i = 0; i < names.length; i++) index.set(names[i], i);
      const indices: number[] = [];
      const values: number[] = [];
      for (let i = 0; i < task.startNames.length; i++) {
        const j = index.get(task.startNames[i]);
        if (j !== undefined) {
          indices.push(j);
          values.push(task.startValues[i]);
        }
      }
      try {
        model.setSolution({ indices: Int32Array.from(indices), values: Float64Array.from(values) });
        warmStart = 'accepted';
      } catch {
        warmStart = 'rejected';
      }
    }
    model.run();
    const { modelStatus, hasSolution, objective } = runOutcome(model);
    let dualBound = mipDualBound(model);
    if (!Number.isFinite(dualBound) && readHighs({ modelStatus }).optimal) dualBound = objective; // pure LP solved to optimality
    const selectedNames: string[] = [];
    if (hasSolution) {
      const x = model.getSolution().colValue;
      for (let i = 0; i < names.length; i++) if (x[i] > 0.5 && names[i].startsWith(task.selectPrefix)) selectedNames.push(names[i]);
    }
    return { modelStatus, hasSolution, objective, dualBound, selectedNames, seconds: (performance.now() - t0) / 1000, warmStart };
  } finally {
    model.dispose();
  }
}

/** Probe one chain of columns of an LP-format MILP (see src/locate/solvers/highs/lpProbe.ts). */
export async function probeHighs(task: HighsProbeTask): Promise<HighsProbeTaskResult> {
  const t0 = performance.now();
  const highs = await loadHighs({ wasmModule: await wasmModule() });
  const model = highs.createModel({ format: 'lp', data: task.lp });
  try {
    model.options.set({ output_flag: false });
    const xColumn = new Int32Array(task.nOptions).fill(-1);
    const dims = model.getDimensions();
    for (let i = 0; i < dims.numCols; i++) {
      const name = model.getColName(i);
      if (name.startsWith('x')) xColumn[Number(name.slice(1))] = i;
    }
    const out = probeModel(model, { xColumn, probe: task.probe, threshold: task.threshold, deadline: t0 + task.timeLimit * 1000 });
    return { ...out, seconds: (performance.now() - t0) / 1000 };
  } finally {
    model.dispose();
  }
}

export default async function highsWorker(task: HighsTask | HighsProbeTask): Promise<WorkerReply<HighsTaskResult | HighsProbeTaskResult>> {
  return reply<HighsTaskResult | HighsProbeTaskResult>(() => {
    if (task.kind === 'highs') return solveHighs(task);
    if (task.kind === 'highs-probe') return probeHighs(task);
    throw new Error(`highs worker: unknown task kind '${String((task as { kind?: unknown }).kind)}'`);
  });
}
