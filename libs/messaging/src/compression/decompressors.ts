import { createUnzip, unzipSync } from 'node:zlib';
import { Decompress as ZstdStream } from 'fzstd';
import * as lz4 from 'lz4js';
import * as snappy from 'snappyjs';
import { type DecompressedPrefix } from './record-stream';

/**
 * Decompressors that never produce more than `maxBytes` (plus at most one block): each returns
 * what it decompressed and, when it stopped before the end, why. Pure JavaScript (or Node's own
 * zlib), so they install from the npm registry alone.
 */
export type BoundedDecompressor = (compressed: Buffer, maxBytes: number) => Promise<DecompressedPrefix>;

const tooLarge = (maxBytes: number) => ({
  kind: 'BATCH_TOO_LARGE' as const,
  message: `the record batch decompresses to more than ${maxBytes} bytes`,
});
const unreadable = (codec: string, error: unknown) => ({
  kind: 'UNREADABLE_COMPRESSION' as const,
  message: `the ${codec} data could not be decompressed: ${error instanceof Error ? error.message : String(error)}`,
});

/** Collects output chunks up to a bound. */
class BoundedOutput {
  private readonly chunks: Buffer[] = [];
  private total = 0;
  constructor(private readonly maxBytes: number) {}

  /** False once the bound is passed (the excess is dropped). */
  push(chunk: Uint8Array): boolean {
    const room = this.maxBytes - this.total;
    const kept = chunk.length <= room ? chunk : chunk.subarray(0, Math.max(0, room));
    if (kept.length > 0) this.chunks.push(Buffer.from(kept));
    this.total += chunk.length;
    return this.total <= this.maxBytes;
  }

  /** Bytes pushed so far, dropped ones included. */
  get size(): number {
    return this.total;
  }

  data(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/** gzip (and zlib) data; Node's zlib in one call, streamed only when the bound is passed. */
export const gzipDecompressor: BoundedDecompressor = async (compressed, maxBytes) => {
  try {
    return { data: unzipSync(compressed, { maxOutputLength: maxBytes }) };
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_BUFFER_TOO_LARGE') return { data: Buffer.alloc(0), stopped: unreadable('gzip', error) };
  }
  // Over the bound: stream it again to keep the records before the bound.
  const out = new BoundedOutput(maxBytes);
  return new Promise((resolve) => {
    const unzip = createUnzip();
    unzip.on('data', (chunk: Buffer) => {
      if (!out.push(chunk)) unzip.destroy();
    });
    unzip.on('close', () => resolve({ data: out.data(), stopped: tooLarge(maxBytes) }));
    unzip.on('error', () => undefined);
    unzip.end(compressed);
  });
};

const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const XERIAL_HEADER_BYTES = 16;

/** The uncompressed length a raw snappy block declares (its varint preamble). */
function snappyLength(block: Buffer): number {
  let length = 0;
  for (let i = 0; i < 5 && i < block.length; i++) {
    length += (block[i] & 0x7f) * 2 ** (7 * i);
    if ((block[i] & 0x80) === 0) return length;
  }
  throw new Error('invalid snappy length preamble');
}

/** Snappy: the xerial framing Java clients write (blocks of at most 32 KiB), or one raw block (librdkafka). */
export const snappyDecompressor: BoundedDecompressor = async (compressed, maxBytes) => {
  const out = new BoundedOutput(maxBytes);
  try {
    const blocks: Buffer[] = [];
    if (compressed.length >= XERIAL_HEADER_BYTES && compressed.subarray(0, XERIAL_MAGIC.length).equals(XERIAL_MAGIC)) {
      for (let pos = XERIAL_HEADER_BYTES; pos < compressed.length;) {
        const size = compressed.readInt32BE(pos);
        if (size < 0 || pos + 4 + size > compressed.length) throw new Error('truncated xerial block');
        blocks.push(compressed.subarray(pos + 4, pos + 4 + size));
        pos += 4 + size;
      }
    } else {
      blocks.push(compressed);
    }
    for (const block of blocks) {
      // The preamble tells the size before anything is decompressed.
      if (snappyLength(block) > maxBytes - out.size) return { data: out.data(), stopped: tooLarge(maxBytes) };
      if (!out.push(snappy.uncompress(block))) return { data: out.data(), stopped: tooLarge(maxBytes) };
    }
    return { data: out.data() };
  } catch (error) {
    return { data: out.data(), stopped: unreadable('snappy', error) };
  }
};

const LZ4_MAGIC = 0x184d2204;
const LZ4_BLOCK_MAX_BYTES: Record<number, number> = { 4: 64 * 1024, 5: 256 * 1024, 6: 1024 * 1024, 7: 4 * 1024 * 1024 };

/**
 * LZ4 frames (what Kafka's clients write), block by block into one growing buffer (blocks may
 * refer to earlier ones), stopping at the bound.
 */
export const lz4Decompressor: BoundedDecompressor = async (compressed, maxBytes) => {
  let output = Buffer.allocUnsafe(Math.min(maxBytes, Math.max(64 * 1024, compressed.length * 4)));
  let written = 0;
  const done = (stopped?: DecompressedPrefix['stopped']): DecompressedPrefix => ({
    data: output.subarray(0, Math.min(written, maxBytes)),
    stopped,
  });
  try {
    let pos = 0;
    while (pos < compressed.length) {
      if (compressed.readUInt32LE(pos) !== LZ4_MAGIC) throw new Error('invalid LZ4 frame magic');
      const flags = compressed[pos + 4];
      const blockMax = LZ4_BLOCK_MAX_BYTES[(compressed[pos + 5] >> 4) & 0x07];
      if (flags >> 6 !== 1 || blockMax === undefined) throw new Error('unsupported LZ4 frame descriptor');
      const blockChecksum = (flags & 0x10) !== 0;
      const contentChecksum = (flags & 0x04) !== 0;
      pos += 6 + ((flags & 0x08) !== 0 ? 8 : 0) + ((flags & 0x01) !== 0 ? 4 : 0) + 1;
      for (;;) {
        const word = compressed.readUInt32LE(pos);
        pos += 4;
        if (word === 0) break;
        const size = word & 0x7fffffff;
        if (size > blockMax || pos + size > compressed.length) throw new Error('invalid LZ4 block size');
        if (written + blockMax > output.length) {
          if (written >= maxBytes) return done(tooLarge(maxBytes));
          const grown = Buffer.allocUnsafe(Math.min(maxBytes + blockMax, Math.max(output.length * 2, written + blockMax)));
          output.copy(grown, 0, 0, written);
          output = grown;
        }
        if (word & 0x80000000) {
          written += compressed.copy(output, written, pos, pos + size);
        } else {
          const end = lz4.decompressBlock(compressed, output, pos, size, written);
          if (end - written > blockMax) throw new Error('LZ4 block larger than its frame allows');
          written = end;
        }
        pos += size + (blockChecksum ? 4 : 0);
        if (written > maxBytes) return done(tooLarge(maxBytes));
      }
      pos += contentChecksum ? 4 : 0;
    }
    return done();
  } catch (error) {
    return done(unreadable('lz4', error));
  }
};

const ZSTD_MAGIC = 0xfd2fb528;
/** zstd-jni's (the Java client's) default limit: nothing a Java consumer could read is refused. */
const ZSTD_MAX_WINDOW_BYTES = 128 * 1024 * 1024;

/** The window a zstd frame asks the decoder to allocate, from its header. */
function zstdWindowBytes(frame: Buffer): number {
  if (frame.length < 6 || frame.readUInt32LE(0) !== ZSTD_MAGIC) throw new Error('invalid zstd frame magic');
  const descriptor = frame[4];
  const singleSegment = (descriptor & 0x20) !== 0;
  if (!singleSegment) {
    const exponent = 10 + (frame[5] >> 3);
    const base = 2 ** exponent;
    return base + (base / 8) * (frame[5] & 0x07);
  }
  // Single segment: the window is the content size.
  const sizeFlag = descriptor >> 6;
  const at = 5 + [0, 1, 2, 4][descriptor & 0x03];
  const sizeBytes = [1, 2, 4, 8][sizeFlag];
  if (frame.length < at + sizeBytes) throw new Error('truncated zstd frame header');
  if (sizeBytes === 8) return Number(frame.readBigUInt64LE(at));
  return frame.readUIntLE(at, sizeBytes) + (sizeBytes === 2 ? 256 : 0);
}

/** zstd frames, streamed (fzstd decompresses only, which is all a consumer needs). */
export const zstdDecompressor: BoundedDecompressor = async (compressed, maxBytes) => {
  const out = new BoundedOutput(maxBytes);
  const stop = new Error('bound reached');
  try {
    const window = zstdWindowBytes(compressed);
    if (window > ZSTD_MAX_WINDOW_BYTES) throw new Error(`the frame asks for a ${window}-byte window`);
    const stream = new ZstdStream((chunk) => {
      if (!out.push(chunk)) throw stop;
    });
    stream.push(compressed, true);
    return { data: out.data() };
  } catch (error) {
    if (error === stop) return { data: out.data(), stopped: tooLarge(maxBytes) };
    return { data: out.data(), stopped: unreadable('zstd', error) };
  }
};
