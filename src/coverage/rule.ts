/**
 * The coverage rule, the one place it is written: a walk of d metres at v m/s is within a threshold of
 * T minutes when
 *
 *   d <= T x 60 x v
 *
 * (README, "The model"). Static coverage, the siting model, the simulator's `within` flag and F15, and
 * the report's walking areas all call these functions, so they agree to the last bit, at the edge too:
 * a walk of exactly thresholdMetres(T, v) is within, the next longer one is not.
 */

/** The longest walk within `thresholdMin` minutes at `speedMps`, metres (the radius of a walking area). */
export function thresholdMetres(thresholdMin: number, speedMps: number): number {
  return thresholdMin * 60 * speedMps;
}

/** True when a walk of `metres` at `speedMps` takes at most `thresholdMin` minutes. */
export function isWithin(metres: number, speedMps: number, thresholdMin: number): boolean {
  return metres <= thresholdMetres(thresholdMin, speedMps);
}

/** Minutes a walk of `metres` takes at `speedMps` (for reporting and choice costs; coverage is decided by isWithin). */
export function walkMinutes(metres: number, speedMps: number): number {
  return metres / speedMps / 60;
}
