/** The city-wide age profile given to every imported block (OSM says nothing about who lives where). */
import { AGE_BANDS, N_AGE_BANDS } from '../core/ageBands.ts';
import { InputError } from '../core/errors.ts';

/**
 * Shares of 0-5, 6-17, 18-34, 35-59, 60-74, 75+. Assumption: a mid-sized ageing city (roughly the
 * shape of urban China's 2020 census and of southern European cities); override with --age-profile.
 */
export const DEFAULT_AGE_PROFILE: readonly number[] = [0.05, 0.11, 0.22, 0.35, 0.17, 0.1];

/** Parse "a,b,c,d,e,f" (six shares summing to 1 within 1%), naming the option in errors. */
export function parseAgeProfile(text: string, where = 'command line'): number[] {
  const parts = text.split(',').map((s) => s.trim());
  const values = parts.map(Number);
  if (parts.length !== N_AGE_BANDS || values.some((v) => !Number.isFinite(v) || v < 0)) {
    throw new InputError(where, `--age-profile is '${text}', expected ${N_AGE_BANDS} non-negative shares for ${AGE_BANDS.join(', ')} separated by commas`);
  }
  const sum = values.reduce((a, v) => a + v, 0);
  if (Math.abs(sum - 1) > 0.01) throw new InputError(where, `--age-profile shares sum to ${sum}, expected 1`);
  return values.map((v) => v / sum);
}
