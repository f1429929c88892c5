/**
 * The HiGHS WebAssembly runtime the HiGHS workers share (workers/highs.ts, workers/cityHighs.ts): the
 * loader, the compiled module (compiled once per worker), and what a solved model says about itself.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import highsModule from 'highs';
import { highsStatusName } from '../src/locate/solvers/highs/outcome.ts';

const require = createRequire(import.meta.url);
export type HighsLoader = typeof import('highs').default;
/** `highs` is CommonJS: its default export is the loader function itself. */
export const loadHighs: HighsLoader = ((highsModule as unknown as { default?: HighsLoader }).default ?? highsModule) as HighsLoader;
type WasmModule = NonNullable<Parameters<HighsLoader>[0]>['wasmModule'];
const Wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WasmModule> } }).WebAssembly;
let compiled: Promise<WasmModule> | undefined;

/** The compiled WebAssembly module, cached: instantiating it again is cheap. */
export function wasmModule(): Promise<WasmModule> {
  compiled ??= Wasm.compile(fs.readFileSync(require.resolve('highs/runtime')));
  return compiled;
}

type Model = ReturnType<Awaited<ReturnType<HighsLoader>>['createModel']>;

/** After `model.run()`: its status name, whether it holds a primal solution, and that solution's objective (NaN without one). */
export function runOutcome(model: Model): { modelStatus: string; hasSolution: boolean; objective: number } {
  const modelStatus = highsStatusName(model.getModelStatus() as number);
  let hasSolution = false;
  try {
    hasSolution = Number(model.info.get('primal_solution_status')) === 2;
  } catch {
    hasSolution = false;
  }
  return { modelStatus, hasSolution, objective: hasSolution ? model.getObjectiveValue() : NaN };
}

/** The MIP dual bound HiGHS reports (NaN when it has none). */
export function mipDualBound(model: Model): number {
  try {
    return Number(model.info.get('mip_dual_bound'));
  } catch {
    return NaN;
  }
}
