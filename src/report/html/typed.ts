/**
 * Flat typed arrays in the page: little-endian bytes as base64 (the page decodes them with atob into the
 * same array type, client/coverage.js `decode`). Compact, exact for Float64, and plain text in the JSON.
 */

export type Typed = Int32Array | Uint32Array | Float64Array | Uint8Array | Uint16Array;

export function typedToBase64(a: Typed): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

export function base64ToFloat64(b64: string): Float64Array {
  const buf = Buffer.from(b64, 'base64');
  return new Float64Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

export function base64ToInt32(b64: string): Int32Array {
  const buf = Buffer.from(b64, 'base64');
  return new Int32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}
