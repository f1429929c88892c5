/**
 * The worker-pool protocol: every piscina task in quarterhour is described here, and every worker
 * answers with a WorkerReply — a result or an error, never a throw across the thread boundary.
 * Big arrays travel as transferable ArrayBuffers or SharedArrayBuffers, never as JSON.
 */

export type WorkerReply<T> = { ok: true; result: T } | { ok: false; error: { name: string; message: string; stack?: string } };

/** Wrap a worker body so it always returns a WorkerReply. */
export async function reply<T>(body: () => T | Promise<T>): Promise<WorkerReply<T>> {
  try {
    return { ok: true, result: await body() };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    return { ok: false, error: { name: err.name, message: err.message, stack: err.stack } };
  }
}

// ---- network (shortest paths) tasks: see src/network ----

// ---- simulation tasks: see src/simulate ----

// ---- optimizer tasks: see src/optimize and src/locate ----
