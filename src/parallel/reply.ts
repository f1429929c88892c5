/**
 * What every worker task answers: a result or an error, never a throw across the thread boundary.
 * This folder is a leaf: it imports no domain code.
 */

export type WorkerReply<T> = { ok: true; result: T } | { ok: false; error: { name: string; message: string; stack?: string } };

/** Run a worker body and wrap its outcome as a WorkerReply. */
export async function reply<T>(body: () => T | Promise<T>): Promise<WorkerReply<T>> {
  try {
    return { ok: true, result: await body() };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    return { ok: false, error: { name: err.name, message: err.message, stack: err.stack } };
  }
}

/** The result of a reply, or its error rethrown in this thread. */
export function unwrap<T>(r: WorkerReply<T>): T {
  if (r.ok) return r.result;
  const err = new Error(r.error.message);
  err.name = r.error.name;
  if (r.error.stack) err.stack = r.error.stack;
  throw err;
}
