/**
 * The Parquet file hyparquet-writer writes for a table on its own (its ParquetWriter, row group by row
 * group, the ids given as strings and the empty cells as nulls), with quarterhour's settings: what
 * src/io/parquetChunk.ts must match byte for byte (test/io/parquetChunk.test.ts) and is timed against
 * (bench/parquet.ts).
 */
import zlib from 'node:zlib';
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import { GZIP_LEVEL } from '../../src/io/gzip.ts';
import { PARQUET_ROW_GROUP, type ParquetSource } from '../../src/io/parquet.ts';
import { plainValues } from '../../src/io/parquetChunk.ts';

export function hyparquetWriterFile(source: ParquetSource): Uint8Array {
  const gzip = (b: Uint8Array) => {
    const out = zlib.gzipSync(b, { level: GZIP_LEVEL });
    out[9] = 255;
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  };
  const schema = [
    { name: 'root', num_children: source.columns.length },
    ...source.columns.map((c) => ({ name: c.name, repetition_type: c.nullable ? ('OPTIONAL' as const) : ('REQUIRED' as const), ...(c.type === 'int' ? { type: 'INT32' as const } : c.type === 'double' ? { type: 'DOUBLE' as const } : { type: 'BYTE_ARRAY' as const, converted_type: 'UTF8' as const }) })),
  ];
  const sink = new ByteWriter(1 << 20);
  const writer = new ParquetWriter({ writer: sink, schema, codec: 'GZIP', compressors: { GZIP: gzip }, statistics: false, createdBy: 'quarterhour' });
  for (let a = 0; a < source.count; a += PARQUET_ROW_GROUP) {
    const b = Math.min(source.count, a + PARQUET_ROW_GROUP);
    const values = source.slice(a, b);
    const columnData = source.columns.map((c, j) => ({ name: c.name, data: plainValues(values[j], b - a) as never, offsetIndex: false, ...(c.delta ? { encoding: 'DELTA_BINARY_PACKED' as const } : c.dictionary ? { encoding: 'RLE_DICTIONARY' as const } : {}) }));
    void writer.write({ columnData, rowGroupSize: PARQUET_ROW_GROUP }); // in memory: synchronous
  }
  void writer.finish();
  return sink.getBytes().slice();
}
