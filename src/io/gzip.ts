/**
 * gzip for output files, deterministic and parallel: the same text gives the same bytes on every run
 * and machine that has the same zlib, whatever the number of threads.
 *
 * The text is cut into blocks of GZIP_BLOCK_BYTES (by position in the text only: never by how the
 * generator cut its pieces, nor by threads). Each block is raw-deflated on libuv's thread pool
 * (zlib.deflateRaw, several in flight), primed with the previous block's last 32 KiB as its dictionary
 * and ended with a sync flush (the last one with a finish), then written in order between one gzip
 * header and one trailer (CRC-32 and length of the whole text): ONE ordinary gzip member, as pigz
 * writes it, which every reader takes (Node's gunzip, zcat, Python, pandas, R, DuckDB, GDAL, the
 * browser's DecompressionStream). The dictionary keeps the size within 0.01% of a single stream.
 *
 * The header has no file name, a zero modification time and the operating-system byte (the 10th) 255
 * ("unknown") whatever the platform. The tables' level (GZIP_LEVEL) was chosen with bench/outputs.ts:
 * past 4 the coverage tables barely shrink while compressing takes twice as long. GeoJSON layers are
 * another matter (LAYER_GZIP_LEVEL): some fifty property names repeated on every feature, which the
 * deeper match search of level 6 finds: a 25,000-block layer shrinks by a fifth (2.89 -> 2.30 MB,
 * bench/results/outputs-seed23.md before and after) for a little more compressing.
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';

export const GZIP_LEVEL = 4;
/** The level of the GeoJSON layers (blocks.geojson.gz, difference.geojson.gz): gzip's own default. */
export const LAYER_GZIP_LEVEL = 6;
/** The text is compressed in blocks of this many bytes (1 MiB), each on a thread of the pool. */
export const GZIP_BLOCK_BYTES = 1 << 20;
/** deflate's window: each block is primed with the previous block's last WINDOW bytes. */
const WINDOW = 1 << 15;

/**
 * zlib's output buffer for one block: bigger than any block's deflate output (deflate grows
 * incompressible data by a few bytes per 16 KiB), so that a block is compressed in one job on the
 * thread pool. With zlib's default 16 KiB, a block took a dozen round trips through the main thread,
 * which is busy building the next block's text: the compressing threads waited on it.
 */
const deflateChunk = (blockBytes: number): number => blockBytes + (blockBytes >> 3) + 1024;

const deflateRaw = promisify(zlib.deflateRaw) as (buf: Uint8Array, opts: zlib.ZlibOptions) => Promise<Buffer>;

/** The gzip magic bytes (1f 8b), which readers use to recognise a compressed file whatever its name. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The 10-byte gzip header zlib writes for `level` (no name, time 0), with the OS byte 255. */
export function gzipHeader(level = GZIP_LEVEL): Buffer {
  const xfl = level === 9 ? 2 : level < 2 ? 4 : 0; // as zlib sets it
  return Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, xfl, 255]);
}

export interface GzipOptions {
  level?: number;
  /** Blocks compressing at once (at least 1) while the next one is filled; the bytes never depend on it. */
  inFlight?: number;
  /** Block size (at least 32 KiB); the bytes depend on it, so it is fixed (GZIP_BLOCK_BYTES) outside tests. */
  blockBytes?: number;
  /**
   * Compress in this thread (zlib's synchronous call), not on libuv's pool: for a worker that writes
   * beside a busy main thread and should take one core, no more. The bytes are the same.
   */
  inThisThread?: boolean;
}

/**
 * Gzip the bytes of `chunks` (any cuts) and hand the compressed bytes, in order, to `write` (awaited
 * one after the other). Resolves once the last byte is written; rejects on the first failure.
 */
export async function gzipChunks(chunks: Iterable<Uint8Array>, write: (b: Uint8Array) => Promise<void>, opts: GzipOptions = {}): Promise<void> {
  const level = opts.level ?? GZIP_LEVEL;
  const inFlight = Math.max(1, Math.floor(opts.inFlight ?? 1));
  const blockBytes = Math.max(WINDOW, opts.blockBytes ?? GZIP_BLOCK_BYTES);
  let crc = 0;
  let size = 0;
  let dictionary: Uint8Array | undefined;
  let written: Promise<void> = write(gzipHeader(level));
  const queue: Promise<void>[] = [];
  const settle = <T>(p: Promise<T>): Promise<T> => {
    p.catch(() => {}); // awaited below, in order; never an unhandled rejection meanwhile
    return p;
  };
  settle(written);

  const dispatch = async (block: Uint8Array, last: boolean): Promise<void> => {
    while (queue.length >= inFlight) await queue.shift(); // a free slot: the oldest block written
    crc = zlib.crc32(block, crc);
    size += block.length;
    const zopts: zlib.ZlibOptions = { level, chunkSize: deflateChunk(blockBytes), finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH, ...(dictionary ? { dictionary } : {}) };
    const z = opts.inThisThread ? Promise.resolve(zlib.deflateRawSync(block, zopts)) : deflateRaw(block, zopts);
    settle(z);
    dictionary = block.length >= WINDOW ? block.subarray(block.length - WINDOW) : undefined;
    const before = written;
    written = settle(z.then(async (out) => {
      await before;
      await write(out);
    }));
    queue.push(written);
  };

  let block = Buffer.allocUnsafe(blockBytes);
  let fill = 0;
  try {
    for (const c of chunks) {
      for (let off = 0; off < c.length; ) {
        if (fill === blockBytes) {
          await dispatch(block, false);
          block = Buffer.allocUnsafe(blockBytes);
          fill = 0;
        }
        const n = Math.min(blockBytes - fill, c.length - off);
        block.set(n === c.length ? c : c.subarray(off, off + n), fill);
        fill += n;
        off += n;
      }
    }
    await dispatch(block.subarray(0, fill), true);
    await written;
  } catch (e) {
    await Promise.allSettled([...queue, written]); // nothing still writing once this rejects
    throw e;
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size >>> 0, 4);
  await write(trailer);
}
