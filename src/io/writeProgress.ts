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

/** What progressToPort needs of a worker_threads MessagePort (this module imports no thread code). */
interface Port {
  postMessage(message: unknown): void;
}

/**
 * A worker's progress on the file numbered `file` among those it writes, posted to `port` as
 * [file, rows done]: once as it starts (0 done), then at most every 100 ms. The thread that started
 * the worker prints the lines (the file's first line when it starts).
 */
export function progressToPort(port: Port, file: number, everyMs = 100): WriteProgress {
  return {
    start() {
      port.postMessage([file, 0]);
      let last = performance.now();
      return (done) => {
        const now = performance.now();
        if (now - last < everyMs) return;
        last = now;
        port.postMessage([file, done]);
      };
    },
  };
}
