/**
 * Writes that run beside the computation: a job starts writing a file as soon as its content is final
 * (a run writes today's simulation while the optimizer works, the coverage table and the blocks layer
 * while the plan is simulated) and awaits them all at the end. The main thread builds text between the
 * awaits of the stages, and gzip compresses on libuv's threads, which the stages leave idle much of the
 * time; the bytes of every file are the same as when written one after the other.
 *
 * A failed write is held until `settle` or the file's own await (no unhandled rejection meanwhile); a
 * job that fails must `settle` before its temporary folder is removed, so that nothing writes into it
 * afterwards. `busySeconds` is the wall time during which at least one write was in flight.
 */
export class BackgroundWrites {
  private readonly pending: Promise<unknown>[] = [];
  private inFlight = 0;
  private since = 0;
  private busyMs = 0;

  /** Start tracking `write` (already started); returns it, to await its result later. */
  add<T>(write: Promise<T>): Promise<T> {
    if (this.inFlight++ === 0) this.since = performance.now();
    const done = (): void => {
      if (--this.inFlight === 0) this.busyMs += performance.now() - this.since;
    };
    write.then(done, done);
    this.pending.push(write);
    return write;
  }

  /** Wait until every write has finished or failed (never throws). */
  async settle(): Promise<void> {
    await Promise.allSettled(this.pending);
  }

  /** Wall seconds so far during which at least one write was in flight. */
  busySeconds(): number {
    const open = this.inFlight > 0 ? performance.now() - this.since : 0;
    return (this.busyMs + open) / 1000;
  }
}
