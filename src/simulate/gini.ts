/** Gini index of non-negative values: 0 = all equal, towards 1 = concentrated. */
export function gini(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return NaN;
  const sorted = values instanceof Float32Array ? sortNonNegativeFloat32(values) : Float64Array.from(values).sort();
  let sum = 0;
  let weighted = 0;
  for (let i = 0; i < n; i++) {
    sum += sorted[i];
    weighted += (2 * (i + 1) - n - 1) * sorted[i];
  }
  return sum > 0 ? weighted / (n * sum) : 0;
}

/**
 * Ascending copy of non-negative float32 values by a two-pass LSD radix sort of their bit patterns
 * (for non-negative IEEE floats, bit order is numeric order): ~4x faster than a comparison sort on a
 * million walking times. Falls back to a comparison sort when a value is negative or NaN.
 */
export function sortNonNegativeFloat32(values: Float32Array): Float32Array {
  const n = values.length;
  for (let i = 0; i < n; i++) if (!(values[i] >= 0)) return values.slice().sort();
  const a = new Uint32Array(n);
  a.set(new Uint32Array(values.buffer, values.byteOffset, n));
  const b = new Uint32Array(n);
  const count = new Int32Array(65536);
  for (let pass = 0; pass < 2; pass++) {
    const shift = pass * 16;
    const src = pass === 0 ? a : b;
    const dst = pass === 0 ? b : a;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(src[i] >>> shift) & 65535]++;
    let s = 0;
    for (let k = 0; k < 65536; k++) {
      const c = count[k];
      count[k] = s;
      s += c;
    }
    for (let i = 0; i < n; i++) {
      const v = src[i];
      dst[count[(v >>> shift) & 65535]++] = v;
    }
  }
  return new Float32Array(a.buffer, 0, n);
}
