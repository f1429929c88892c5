/** The report command's progress: one line per step on the log (the CLI's stderr), with its time. */
export function stepLog(log?: (message: string) => void): (what: string) => void {
  let t = performance.now();
  return (what) => {
    const now = performance.now();
    log?.(`report: ${what} (${((now - t) / 1000).toFixed(1)} s)`);
    t = now;
  };
}
