/**
 * Fast exact number formatting for the big output tables: the same text as `x.toFixed(d)` and
 * `String(+x.toFixed(d))`, without their cost on millions of cells. The integer n that toFixed picks
 * (the nearest to x·10^d, the larger on a tie) is Math.round(x·10^d) except where x·10^d lies within
 * rounding error of a tie; there, and outside 0 <= x·10^d < 10^7, toFixed itself is used.
 */
export const POW = [1, 10, 100, 1000, 10000, 100000, 1000000];

/**
 * The integer n whose digits x.toFixed(d) writes (n / 10^d is the text's value), or null where
 * toFixed itself must be used (see above). Shared with the byte writer (src/io/csvBytes.ts).
 */
export function scaled(x: number, d: number): number | null {
  const y = x * POW[d];
  if (!(y >= 0 && y < 1e7)) return null;
  const f = y - Math.floor(y);
  if (Math.abs(f - 0.5) < 1e-6) return null;
  return Math.round(y);
}

/** x.toFixed(d) for 0 <= d <= 6, e.g. 12.5 -> "12.50". */
export function fixed(x: number, d: number): string {
  const n = scaled(x, d);
  if (n === null || d === 0) return n === null ? x.toFixed(d) : String(n);
  const p = POW[d];
  const ip = Math.floor(n / p);
  const fp = String(n - ip * p);
  return `${ip}.${'000000'.slice(0, d - fp.length)}${fp}`;
}

/**
 * +x.toFixed(d): the number that fixed(x, d) and rounded(x, d) read back as (n / 10^d, divided exactly
 * as a reader parses the text), e.g. for a Parquet cell that must equal the CSV cell.
 */
export function roundedValue(x: number, d: number): number {
  const n = scaled(x, d);
  return n === null ? +x.toFixed(d) : n / POW[d];
}

/** String(+x.toFixed(d)): rounded to d decimals, trailing zeros dropped, e.g. 12.5 -> "12.5", 3 -> "3". */
export function rounded(x: number, d: number): string {
  const n = scaled(x, d);
  if (n === null) return String(+x.toFixed(d));
  const p = POW[d];
  const ip = Math.floor(n / p);
  let fp = n - ip * p;
  if (fp === 0) return String(ip);
  let digits = d;
  while (fp % 10 === 0) {
    fp /= 10;
    digits--;
  }
  const s = String(fp);
  return `${ip}.${'000000'.slice(0, digits - s.length)}${s}`;
}
