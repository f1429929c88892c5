/** The six age bands every table in quarterhour is keyed by, in this fixed order. */
export const AGE_BANDS = ['0-5', '6-17', '18-34', '35-59', '60-74', '75+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const N_AGE_BANDS = AGE_BANDS.length;

/** Inclusive age range in years of each band (75+ is capped at 99 for synthesis). */
export const AGE_BAND_YEARS: readonly (readonly [number, number])[] = [
  [0, 5],
  [6, 17],
  [18, 34],
  [35, 59],
  [60, 74],
  [75, 99],
];

/** Index of an age band label, or -1. */
export function ageBandIndex(label: string): number {
  return (AGE_BANDS as readonly string[]).indexOf(label.trim());
}
