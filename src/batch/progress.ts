/** A progress bar with ETA on stderr: redrawn in place on a terminal, one line per update otherwise. */
export class ProgressBar {
  private readonly t0 = performance.now();
  private done = 0;
  private failed = 0;
  constructor(
    private readonly total: number,
    private readonly label: string,
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {}

  tick(ok: boolean, what: string): void {
    this.done++;
    if (!ok) this.failed++;
    const elapsed = (performance.now() - this.t0) / 1000;
    const eta = this.done > 0 ? (elapsed / this.done) * (this.total - this.done) : 0;
    const width = 24;
    const filled = Math.round((width * this.done) / Math.max(1, this.total));
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
    const line = `${this.label} ${bar} ${this.done}/${this.total}${this.failed ? ` (${this.failed} failed)` : ''} elapsed ${elapsed.toFixed(0)} s, ETA ${eta.toFixed(0)} s — ${what}`;
    if (this.out.isTTY) this.out.write(`\r${line.slice(0, (this.out.columns ?? 120) - 1).padEnd((this.out.columns ?? 120) - 1)}${this.done === this.total ? '\n' : ''}`);
    else this.out.write(`${line}\n`);
  }
}
