import { describe, expect, it } from 'vitest';
import { allocArray, pack, sharedArray, unpack } from '../../src/core/buffers.ts';

describe('shared buffers', () => {
  it('pack and unpack give back every array, as views on one SharedArrayBuffer', () => {
    const arrays = { a: Float64Array.of(1.5, -2), b: Uint8Array.of(1, 2, 3), c: Int32Array.of(-7), e: new Float32Array(0) };
    const p = pack(arrays);
    expect(p.buffer).toBeInstanceOf(SharedArrayBuffer);
    const back = unpack<typeof arrays>(p);
    expect(Array.from(back.a)).toEqual([1.5, -2]);
    expect(Array.from(back.b)).toEqual([1, 2, 3]);
    expect(Array.from(back.c)).toEqual([-7]);
    expect(back.e.length).toBe(0);
    for (const v of Object.values(back)) expect(v.buffer).toBe(p.buffer);
    expect(back.c).toBeInstanceOf(Int32Array);
  });

  it('sharedArray copies an ordinary array into shared memory and keeps a shared one as it is', () => {
    const plain = Int32Array.of(4, 5);
    const s = sharedArray(plain);
    expect(s.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(s)).toEqual([4, 5]);
    expect(sharedArray(s)).toBe(s);
    expect(allocArray(Uint16Array, 3, true).buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(allocArray(Uint16Array, 3, false).buffer).not.toBeInstanceOf(SharedArrayBuffer);
  });
});
