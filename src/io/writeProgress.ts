/**
 * Progress of a job's write step, for stderr: one line per file ("writing coverage.csv.gz (2/9
 * tables)…") and, for a big one, its share done at most every two seconds ("  coverage.csv.gz 40%").
 */

export interface WriteProgress {
  /** A file starts; returns the callback its writer calls with the rows (or features) done so far. */
  start(file: string, count?: number): (done: number) => void;
}

/** Progress lines through `log` for a write of `total` tables and layers. */
export function writeProgress(log: (message: string) => void, total: number, everyMs = 2000): WriteProgress {
  let k = 0;
  return {
    start(file, count) {
      k++;
      log(`writing ${file} (${Math.min(k, total)}/${total} tables)…`);
      let last = performance.now();
      return (done) => {
        if (!count || count <= 0) return;
        const now = performance.now();
        if (now - last < everyMs) return;
        last = now;
        log(`  ${file} ${Math.min(99, Math.floor((done / count) * 100))}%`);
      };
    },
  };
}
