/**
 * Ctrl-C (SIGINT) or SIGTERM during a batch: say how far it got and print the exact command that
 * resumes it, then exit 130 (143 for SIGTERM). Finished runs are already on disk; half-finished ones
 * are temporary folders that --resume removes and redoes. In queue mode the jobs stay in Redis and the
 * workers go on: the resumed coordinator collects what they finished meanwhile.
 */

/** Quote one shell word when it needs it. */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export interface Interruptible {
  /** The resume command line. */
  resume: string;
  /** "3 of 24 runs finished", at the time of the signal. */
  status: () => string;
  /** Extra line for queue mode. */
  note?: string;
}

/** Install the handlers; returns a function that removes them. */
export function onInterrupt(what: Interruptible, out: NodeJS.WritableStream = process.stderr, exit: (code: number) => void = (c) => process.exit(c)): () => void {
  const handler = (signal: NodeJS.Signals) => {
    let status = '';
    try {
      status = what.status();
    } catch {
      status = 'progress unknown';
    }
    out.write(`\nbatch interrupted (${signal}): ${status}.${what.note ? ` ${what.note}` : ''}\nresume with:\n  ${what.resume}\n`);
    exit(signal === 'SIGTERM' ? 143 : 130);
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
