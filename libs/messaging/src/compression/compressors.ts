import * as lz4 from 'lz4js';
import { hash as xxh32 } from 'lz4js/xxh32';

/**
 * Compressors for codecs the backend reads but never chooses for its own topics: a kafkajs
 * producer (tests, tools) can write records that a consumer must read, and the broker accepts them.
 */

const ZSTD_RAW_BLOCK_MAX_BYTES = 128 * 1024;

/** A zstd frame of raw (stored) blocks, valid for every zstd reader; window 2 MiB, no checksum. */
export function storedZstdFrame(data: Buffer): Buffer {
  const parts: Buffer[] = [Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x58])];
  for (let pos = 0; ; pos += ZSTD_RAW_BLOCK_MAX_BYTES) {
    const block = data.subarray(pos, pos + ZSTD_RAW_BLOCK_MAX_BYTES);
    const last = pos + ZSTD_RAW_BLOCK_MAX_BYTES >= data.length ? 1 : 0;
    const header = block.length * 8 + last; // block type 0: raw
    parts.push(Buffer.from([header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff]), block);
    if (last) return Buffer.concat(parts);
  }
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
