/**
 * gzip for output files, deterministic: the same text gives the same bytes on every run and machine
 * that has the same zlib. Node's gzip header has no file name and a zero modification time; its
 * operating-system byte (the 10th) is zlib's build-time guess, so it is set here to 255 ("unknown")
 * whatever the platform. The level (GZIP_LEVEL) was chosen with bench/outputs.ts: past 4 the
 * coverage tables barely shrink while compressing takes twice as long.
 */
import { Transform } from 'node:stream';
import { createGzip, type Gzip } from 'node:zlib';

export const GZIP_LEVEL = 4;

/** The gzip magic bytes (1f 8b), which readers use to recognise a compressed file whatever its name. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * The stages that gzip a byte stream deterministically, for stream.pipeline: zlib's gzip, then a pass
 * that sets the header's OS byte to 255 (see the file comment).
 */
export function gzipStages(level = GZIP_LEVEL): [Gzip, Transform] {
  let seen = 0;
  const fix = new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (seen <= 9 && seen + chunk.length > 9) chunk[9 - seen] = 255;
      seen += chunk.length;
      done(null, chunk);
    },
  });
  return [createGzip({ level }), fix];
}
