/**
 * The compact form of a big report (more than COMPACT_BLOCKS blocks): columns and base64 typed arrays
 * instead of one JSON object per block, facility or idle space, and per-cell data that the page derives:
 *
 * - residents per cell: population x age share (the page multiplies);
 * - a state's minutes: metres to the nearest site per block x service (one number for the 6 age bands),
 *   the page divides by each band's speed; its covered flags: one bit per cell, as the run wrote them;
 * - distances in the what-if data: metres quantized to `scale` per metre (Uint16 when they fit), each
 *   nudged so that it lies on the same side of every coverage threshold (threshold x 60 x speed, the
 *   rule's own arithmetic) as the exact distance: the page's covered flags stay exact.
 *
 * client/compact.js expands it back.
 */
import { N_AGE_BANDS } from '../../core/ageBands.ts';
import { thresholdMetres } from '../../coverage/rule.ts';
import type { Scenario } from '../../scenario/types.ts';
import { typedToBase64 } from './typed.ts';

/** Past this many blocks the report uses the compact form and draws the blocks on a canvas. */
export const COMPACT_BLOCKS = 2000;

export const isCompact = (sc: Scenario) => sc.blocks.count > COMPACT_BLOCKS;

/** A column of numbers as base64, with how to read it back: value = q / scale; q = none means null / Infinity. */
export interface QuantizedColumn {
  /** 'u16' | 'u32' | 'i32' | 'f64'. */
  type: string;
  scale: number;
  /** The stored value meaning "none" (null, Infinity), or null when there is none. */
  none: number | null;
  data: string;
}

/** Microdegrees, interleaved lon, lat (Int32). */
export function lonLatColumn(lon: ArrayLike<number>, lat: ArrayLike<number>): string {
  const out = new Int32Array(2 * lon.length);
  for (let k = 0; k < lon.length; k++) {
    out[2 * k] = Math.round(lon[k] * 1e6);
    out[2 * k + 1] = Math.round(lat[k] * 1e6);
  }
  return typedToBase64(out);
}

/** Exact numbers: as decimals of 4 or 6 places when every value is one (the page divides back to the same double), else Float64. */
export function exactColumn(values: ArrayLike<number>): QuantizedColumn {
  for (const scale of [1, 1e4, 1e6]) {
    let ok = true;
    let max = 0;
    for (let k = 0; k < values.length && ok; k++) {
      const q = Math.round(values[k] * scale);
      ok = q / scale === values[k] && Math.abs(q) < 2 ** 31;
      max = Math.max(max, Math.abs(q));
    }
    if (ok) {
      const fits16 = max < 0xffff && Array.prototype.every.call(values, (v: number) => v >= 0);
      const q = fits16 ? new Uint16Array(values.length) : new Int32Array(values.length);
      for (let k = 0; k < values.length; k++) q[k] = Math.round(values[k] * scale);
      return { type: fits16 ? 'u16' : 'i32', scale, none: null, data: typedToBase64(q) };
    }
  }
  return { type: 'f64', scale: 1, none: null, data: typedToBase64(Float64Array.from(values)) };
}

/** Every coverage threshold distance of the scenario (service x band), the rule's arithmetic. */
export function thresholdDistances(sc: Scenario): number[] {
  const out = new Set<number>();
  for (const s of sc.services) for (let b = 0; b < N_AGE_BANDS; b++) out.add(thresholdMetres(s.thresholdMin, sc.behaviour.speedMps[b]));
  return [...out].sort((a, b) => a - b);
}

/**
 * Metres quantized to 1/scale, each value on the same side of every threshold as the exact one
 * (`x <= t`); values that are not finite or negative are `none`. Tries 10, 100, 1000 per metre; the
 * exact Float64 column when no scale keeps every side.
 */
export function metresColumn(values: ArrayLike<number>, thresholds: number[]): QuantizedColumn {
  for (const scale of [10, 100, 1000]) {
    const q = new Float64Array(values.length);
    let max = 0;
    let ok = true;
    for (let k = 0; k < values.length && ok; k++) {
      const x = values[k];
      if (!Number.isFinite(x) || x < 0) {
        q[k] = -1;
        continue;
      }
      let v = Math.round(x * scale);
      for (let pass = 0; pass < 3; pass++) {
        let moved = false;
        for (const t of thresholds) {
          if (x <= t && v / scale > t) { v--; moved = true; }
          else if (x > t && v / scale <= t) { v++; moved = true; }
        }
        if (!moved) break;
      }
      ok = v >= 0 && thresholds.every((t) => (x <= t) === (v / scale <= t));
      q[k] = v;
      max = Math.max(max, v);
    }
    if (!ok) continue;
    const small = max < 0xffff;
    const none = small ? 0xffff : 0xffffffff;
    const out = small ? new Uint16Array(values.length) : new Uint32Array(values.length);
    for (let k = 0; k < values.length; k++) out[k] = q[k] < 0 ? none : q[k];
    return { type: small ? 'u16' : 'u32', scale, none, data: typedToBase64(out) };
  }
  const out = Float64Array.from(values, (x) => (Number.isFinite(x) && x >= 0 ? x : -1));
  return { type: 'f64', scale: 1, none: -1, data: typedToBase64(out) };
}

/** Flags (0/1) as bits, 8 cells a byte, lowest bit first. */
export function bitsColumn(flags: ArrayLike<number>): string {
  const out = new Uint8Array(Math.ceil(flags.length / 8));
  for (let k = 0; k < flags.length; k++) if (flags[k]) out[k >> 3] |= 1 << (k & 7);
  return typedToBase64(out);
}

/** Strings that repeat (tags, kinds): the distinct values and an index per row. */
export function dictColumn(values: string[]): { values: string[]; index: string } {
  const seen = new Map<string, number>();
  const index = new Int32Array(values.length);
  values.forEach((v, k) => {
    let j = seen.get(v);
    if (j === undefined) seen.set(v, (j = seen.size));
    index[k] = j;
  });
  return { values: [...seen.keys()], index: typedToBase64(index) };
}
