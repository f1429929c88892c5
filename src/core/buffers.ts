/**
 * Typed arrays in shared memory, to hand to worker threads without copies or JSON. In the style of
 * network/binary.ts: a record of arrays is packed into ONE SharedArrayBuffer (each array 8-byte
 * aligned) with a small layout, and unpacked on the other side as views on that buffer.
 */

export type TypedArray = Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array;

type ViewCtor = new (buffer: ArrayBufferLike, byteOffset: number, length: number) => TypedArray;
const CTORS: Record<string, ViewCtor> = { Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array };
type CtorName = 'Float64Array' | 'Float32Array' | 'Int32Array' | 'Uint32Array' | 'Int16Array' | 'Uint16Array' | 'Int8Array' | 'Uint8Array';
type TypedCtor<T extends TypedArray> = { new (buffer: ArrayBufferLike, byteOffset?: number, length?: number): T; new (length: number): T; BYTES_PER_ELEMENT: number; name: string };

/** Arrays packed into one shared buffer: `layout[name]` = [type, byte offset, length]. */
export interface PackedArrays<K extends string = string> {
  buffer: SharedArrayBuffer;
  layout: Record<K, [CtorName, number, number]>;
}

const align8 = (n: number): number => (n + 7) & ~7;

/** Copy every array of the record into one SharedArrayBuffer. */
export function pack<R extends Record<string, TypedArray>>(arrays: R): PackedArrays<Extract<keyof R, string>> {
  const layout = {} as Record<string, [CtorName, number, number]>;
  let total = 0;
  for (const [name, a] of Object.entries(arrays)) {
    const type = a.constructor.name as CtorName;
    if (!(type in CTORS)) throw new Error(`pack: '${name}' is a ${type}, expected a typed array`);
    layout[name] = [type, total, a.length];
    total = align8(total + a.byteLength);
  }
  const buffer = new SharedArrayBuffer(Math.max(8, total));
  for (const [name, a] of Object.entries(arrays)) {
    const [type, offset, length] = layout[name];
    new CTORS[type](buffer, offset, length).set(a as never);
  }
  return { buffer, layout: layout as PackedArrays<Extract<keyof R, string>>['layout'] };
}

/** Views on a packed buffer, by the names it was packed with (no copy). */
export function unpack<R extends Record<string, TypedArray>>(p: PackedArrays<Extract<keyof R, string>>): R {
  const out = {} as Record<string, TypedArray>;
  for (const [name, [type, offset, length]] of Object.entries(p.layout) as [string, [CtorName, number, number]][]) out[name] = new CTORS[type](p.buffer, offset, length);
  return out as R;
}

/** A new array of `length` zeros: in shared memory when `shared`, else an ordinary one. */
export function allocArray<T extends TypedArray>(Ctor: TypedCtor<T>, length: number, shared: boolean): T {
  if (!shared) return new Ctor(length);
  return new Ctor(new SharedArrayBuffer(Math.max(1, length) * Ctor.BYTES_PER_ELEMENT), 0, length);
}

/** The array itself when it is already in shared memory, else a shared copy. */
export function sharedArray<T extends TypedArray>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const out = allocArray(a.constructor as TypedCtor<T>, a.length, true);
  out.set(a as never);
  return out;
}
