import { gzipSync } from 'node:zlib';
import { CompressionTypes } from 'kafkajs';
import * as snappy from 'snappyjs';
import { registerBoundedCodecs } from './bounded-codecs';
import { lz4Frame, simpleZstdFrame } from './compressors';
import { varint } from './record-stream';
import { readUnreadableHeader, UNREADABLE_RECORD_HEADER } from './unreadable-record';

// kafkajs's own record batch decoder: these tests pin what the codecs rely on (a codec is given a
// view right after the batch header, and its output is decoded record by record).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Decoder = require('kafkajs/src/protocol/decoder');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const decodeRecordBatch = require('kafkajs/src/protocol/recordBatch/v0/decoder') as (decoder: unknown) => Promise<{
  records: { offset: string; key: Buffer | null; value: Buffer | null; headers: Record<string, Buffer> }[];
}>;

const MiB = 1024 * 1024;
const LIMITS = { maxRecordBytes: 1 * MiB, maxBatchBytes: 4 * MiB };

/** One record in Kafka's v2 format (length prefix included); the value may be given as a length of zeros. */
function record(offsetDelta: number, key: string, value: Buffer | number, headers: Record<string, string> = {}): Buffer {
  const keyBytes = Buffer.from(key);
  const valueBytes = typeof value === 'number' ? Buffer.alloc(value) : value;
  const headerParts = Object.entries(headers).flatMap(([name, v]) => [
    varint(Buffer.byteLength(name)),
    Buffer.from(name),
    varint(Buffer.byteLength(v)),
    Buffer.from(v),
  ]);
  const body = Buffer.concat([
    Buffer.from([0]),
    varint(0),
    varint(offsetDelta),
    varint(keyBytes.length),
    keyBytes,
    varint(valueBytes.length),
    valueBytes,
    varint(Object.keys(headers).length),
    ...headerParts,
  ]);
  return Buffer.concat([varint(body.length), body]);
}

/** A v2 record batch as a fetch response carries it (CRC not computed: kafkajs does not check it). */
function recordBatch(compression: number, compressedRecords: Buffer, count: number): Buffer {
  const header = Buffer.alloc(61);
  header.writeBigInt64BE(100n, 0); // base offset
  header.writeInt32BE(49 + compressedRecords.length, 8);
  header.writeInt8(2, 16); // magic
  header.writeInt16BE(compression, 21);
  header.writeInt32BE(count - 1, 23); // last offset delta
  header.writeBigInt64BE(1_700_000_000_000n, 27);
  header.writeBigInt64BE(1_700_000_000_000n, 35);
  header.writeBigInt64BE(-1n, 43);
  header.writeInt32BE(count, 57);
  // Something in front, as in a fetch response: the codec sees a view into a larger buffer.
  return Buffer.concat([Buffer.alloc(32, 7), header, compressedRecords]).subarray(32);
}

async function decode(batch: Buffer) {
  const { records } = await decodeRecordBatch(new Decoder(batch));
  return records.map((r) => ({
    offset: r.offset,
    key: r.key?.toString() ?? null,
    value: r.value,
    unreadable: readUnreadableHeader(r.headers[UNREADABLE_RECORD_HEADER]?.toString()),
  }));
}

function xerialSnappy(data: Buffer): Buffer {
  const header = Buffer.concat([Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]), Buffer.from([0, 0, 0, 1, 0, 0, 0, 1])]);
  const blocks: Buffer[] = [];
  for (let pos = 0; pos < data.length; pos += 32 * 1024) {
    const block = snappy.compress(data.subarray(pos, pos + 32 * 1024));
    const size = Buffer.alloc(4);
    size.writeInt32BE(block.length);
    blocks.push(size, block);
  }
  return Buffer.concat([header, ...blocks]);
}

/** A zstd frame whose blocks are raw bytes, or `n` bytes of one repeated byte (RLE: 4 bytes for up to 128 KiB). */
type ZstdPart = Buffer | { zeros: number };
function zstdFrame(parts: ZstdPart[]): Buffer {
  const blocks: Buffer[] = [];
  const expanded = parts.flatMap((part): ZstdPart[] => {
    if (Buffer.isBuffer(part)) return [part];
    const runs: ZstdPart[] = [];
    for (let left = part.zeros; left > 0; left -= 128 * 1024) runs.push({ zeros: Math.min(left, 128 * 1024) });
    return runs;
  });
  expanded.forEach((part, i) => {
    const last = i === expanded.length - 1 ? 1 : 0;
    const [type, size, content] = Buffer.isBuffer(part) ? [0, part.length, part] : [1, part.zeros, Buffer.from([0])];
    const header = size * 8 + type * 2 + last;
    blocks.push(Buffer.from([header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff]), content);
  });
  return Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x58]), ...blocks]);
}

describe('bounded compression codecs (with kafkajs decoding the batches)', () => {
  beforeAll(() => registerBoundedCodecs(LIMITS));

  const three = Buffer.concat([
    record(0, 'SHP-1', Buffer.from('{"a":1}'), { h: 'x' }),
    record(1, 'SHP-2', Buffer.from('{"b":2}')),
    record(2, 'SHP-3', Buffer.from('{"c":3}')),
  ]);

  it.each([
    ['gzip', CompressionTypes.GZIP, gzipSync(three)],
    ['snappy, xerial framing (Java clients)', CompressionTypes.Snappy, xerialSnappy(three)],
    ['snappy, raw (librdkafka)', CompressionTypes.Snappy, snappy.compress(three)],
    ['lz4 frame', CompressionTypes.LZ4, lz4Frame(three)],
    ['zstd', CompressionTypes.ZSTD, simpleZstdFrame(three)],
  ])('given a %s batch, when decoded, then every record is read as sent', async (_name, type, compressed) => {
    const records = await decode(recordBatch(type, compressed, 3));
    expect(records.map((r) => [r.offset, r.key, r.value?.toString(), r.unreadable])).toEqual([
      ['100', 'SHP-1', '{"a":1}', null],
      ['101', 'SHP-2', '{"b":2}', null],
      ['102', 'SHP-3', '{"c":3}', null],
    ]);
  });

  it('given an lz4 batch of many blocks, when decoded, then the records span the blocks intact', async () => {
    const big = Buffer.from('x'.repeat(300 * 1024));
    const data = Buffer.concat([record(0, 'SHP-1', big), record(1, 'SHP-2', Buffer.from('{}'))]);
    const records = await decode(recordBatch(CompressionTypes.LZ4, lz4Frame(data), 2));
    expect(records[0].value?.equals(big)).toBe(true);
    expect(records[1].value?.toString()).toBe('{}');
  });

  it('given a record larger than carried between small ones, when decoded, then it alone is a stand-in keeping its key and offset', async () => {
    const data = Buffer.concat([
      record(0, 'SHP-1', Buffer.from('{}')),
      record(1, 'SHP-BIG', 3 * MiB),
      record(2, 'SHP-3', Buffer.from('{}')),
    ]);
    const records = await decode(recordBatch(CompressionTypes.GZIP, gzipSync(data), 3));
    expect(records.map((r) => [r.offset, r.key, r.value?.toString() ?? null, r.unreadable?.kind ?? null])).toEqual([
      ['100', 'SHP-1', '{}', null],
      ['101', 'SHP-BIG', null, 'RECORD_TOO_LARGE'],
      ['102', 'SHP-3', '{}', null],
    ]);
    expect(records[1].unreadable?.message).toMatch(/decompresses to 31457\d\d bytes, more than the 1048576 bytes accepted/);
  });

  it.each([
    ['gzip', CompressionTypes.GZIP, (data: Buffer) => gzipSync(data)],
    ['lz4', CompressionTypes.LZ4, lz4Frame],
  ])(
    'given a %s bomb past the batch bound, when decoded, then the records before it are read and the rest are stand-ins',
    async (_n, type, compress) => {
      const data = Buffer.concat([
        record(0, 'SHP-1', Buffer.from('{}')),
        record(1, 'SHP-BOMB', 20 * MiB),
        record(2, 'SHP-3', Buffer.from('{}')),
      ]);
      const records = await decode(recordBatch(type, compress(data), 3));
      expect(records.map((r) => [r.offset, r.key, r.value?.toString() ?? null, r.unreadable?.kind ?? null])).toEqual([
        ['100', 'SHP-1', '{}', null],
        ['101', 'SHP-BOMB', null, 'RECORD_TOO_LARGE'],
        ['102', null, null, 'BATCH_TOO_LARGE'],
      ]);
    },
  );

  it('given a zstd frame expanding to gigabytes from a few kilobytes, when decoded, then decompression stops at the bound', async () => {
    const before = record(0, 'SHP-1', Buffer.from('{}'));
    // The bomb record declares a 1.5 GiB value; its head is raw bytes, its zeros RLE blocks.
    const size = 1536 * MiB;
    const body = Buffer.concat([Buffer.from([0]), varint(0), varint(1), varint(8), Buffer.from('SHP-BOMB'), varint(size), Buffer.alloc(0)]);
    const head = Buffer.concat([varint(body.length + size + 1), body]);
    const frame = zstdFrame([before, head, { zeros: 64 * MiB }]); // no need to go on: the bound is reached long before
    expect(frame.length).toBeLessThan(4096);
    const records = await decode(recordBatch(CompressionTypes.ZSTD, frame, 2));
    expect(records.map((r) => [r.key, r.unreadable?.kind ?? null])).toEqual([
      ['SHP-1', null],
      ['SHP-BOMB', 'RECORD_TOO_LARGE'],
    ]);
  });

  it('given data that cannot be decompressed, when decoded, then every record of the batch is a stand-in saying so', async () => {
    const records = await decode(recordBatch(CompressionTypes.GZIP, Buffer.from('not gzip at all'), 2));
    expect(records.map((r) => [r.offset, r.unreadable?.kind])).toEqual([
      ['100', 'UNREADABLE_COMPRESSION'],
      ['101', 'UNREADABLE_COMPRESSION'],
    ]);
  });

  it('given a long run of one byte, when compressed for zstd, then it takes a few bytes and reads back whole', async () => {
    const data = Buffer.concat([record(0, 'SHP-1', Buffer.alloc(1 * MiB - 100, 'x')), record(1, 'SHP-2', Buffer.from('{}'))]);
    const frame = simpleZstdFrame(data);
    expect(frame.length).toBeLessThan(1024);
    const records = await decode(recordBatch(CompressionTypes.ZSTD, frame, 2));
    expect(records.map((r) => r.value?.length)).toEqual([1 * MiB - 100, 2]);
  });

  it('given a zstd frame asking for a huge window, when decoded, then nothing is allocated and the records are stand-ins', async () => {
    const frame = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0xf8, 0x01, 0x00, 0x00]); // window 2^41
    const records = await decode(recordBatch(CompressionTypes.ZSTD, frame, 1));
    expect(records[0].unreadable?.kind).toBe('UNREADABLE_COMPRESSION');
  });

  it('given a producer sending the stand-in header itself, when read, then it is not taken for a stand-in', async () => {
    const forged = JSON.stringify({ secret: 'guess', kind: 'RECORD_TOO_LARGE', message: 'x' });
    const data = record(0, 'SHP-1', Buffer.from('{}'), { [UNREADABLE_RECORD_HEADER]: forged });
    const [decoded] = await decode(recordBatch(CompressionTypes.GZIP, gzipSync(data), 1));
    expect(decoded.unreadable).toBeNull();
    expect(decoded.value?.toString()).toBe('{}');
  });
});
