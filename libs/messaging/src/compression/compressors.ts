import * as lz4 from 'lz4js';
import { hash as xxh32 } from 'lz4js/xxh32';

/**
 * Compressors for codecs the backend reads but never chooses for its own topics: a kafkajs
 * producer (tests, tools) can write records that a consumer must read, and the broker accepts them.
 */

const ZSTD_RAW_BLOCK_MAX_BYTES = 128 * 1024;

/** Runs of one byte at least this long become RLE blocks. */
const ZSTD_MIN_RUN_BYTES = 64;

/**
 * A zstd frame without entropy coding, valid for every zstd reader (window 2 MiB, no checksum):
 * runs of one byte are RLE blocks (4 bytes for up to 128 KiB), everything else raw blocks.
 */
export function simpleZstdFrame(data: Buffer): Buffer {
  const blocks: { rle: boolean; bytes: Buffer }[] = [];
  const push = (rle: boolean, from: number, to: number) => {
    for (let pos = from; pos < to; pos += ZSTD_RAW_BLOCK_MAX_BYTES)
      blocks.push({ rle, bytes: data.subarray(pos, Math.min(to, pos + ZSTD_RAW_BLOCK_MAX_BYTES)) });
  };
  let rawFrom = 0;
  for (let pos = 0; pos < data.length;) {
    let end = pos + 1;
    while (end < data.length && data[end] === data[pos]) end++;
    if (end - pos >= ZSTD_MIN_RUN_BYTES) {
      push(false, rawFrom, pos);
      push(true, pos, end);
      rawFrom = end;
    }
    pos = end;
  }
  push(false, rawFrom, data.length);
  if (blocks.length === 0) blocks.push({ rle: false, bytes: data });
  const parts: Buffer[] = [Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x58])];
  blocks.forEach(({ rle, bytes }, i) => {
    const header = bytes.length * 8 + (rle ? 2 : 0) + (i === blocks.length - 1 ? 1 : 0); // block type 0: raw, 1: RLE
    parts.push(Buffer.from([header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff]), rle ? bytes.subarray(0, 1) : bytes);
  });
  return Buffer.concat(parts);
}

const LZ4_BLOCK_BYTES = 64 * 1024;

/**
 * An LZ4 frame of independent 64 KiB blocks, as Kafka's clients write them (Kafka refuses
 * frames whose blocks depend on each other).
 */
export function lz4Frame(data: Buffer): Buffer {
  const descriptor = Buffer.from([0x60, 0x40]); // version 1 + independent blocks; 64 KiB blocks
  const parts: Buffer[] = [Buffer.from([0x04, 0x22, 0x4d, 0x18]), descriptor, Buffer.from([(xxh32(0, descriptor, 0, 2) >> 8) & 0xff])];
  const compressed = Buffer.alloc(LZ4_BLOCK_BYTES + LZ4_BLOCK_BYTES / 255 + 16);
  for (let pos = 0; pos < data.length; pos += LZ4_BLOCK_BYTES) {
    const block = Buffer.from(data.subarray(pos, pos + LZ4_BLOCK_BYTES));
    const size = lz4.compressBlock(block, compressed, 0, block.length, new Uint32Array(1 << 16));
    const stored = size === 0 || size >= block.length;
    const word = Buffer.alloc(4);
    word.writeUInt32LE(stored ? (0x80000000 | block.length) >>> 0 : size);
    parts.push(word, stored ? block : Buffer.from(compressed.subarray(0, size)));
  }
  parts.push(Buffer.alloc(4)); // end mark
  return Buffer.concat(parts);
}
