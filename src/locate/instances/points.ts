/** Seeded demand points for the random instances: uniform on the unit square, integer weights 1-100, drawn x, y, weight per point. */
export function randomPoints(rng: () => number, n: number): { px: Float64Array; py: Float64Array; weight: Float64Array } {
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  const weight = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    px[i] = rng();
    py[i] = rng();
    weight[i] = 1 + Math.floor(rng() * 100);
  }
  return { px, py, weight };
}
