import { gzipSync } from 'node:zlib';
import { CompressionCodecs, CompressionTypes } from 'kafkajs';
import * as snappy from 'snappyjs';
import { recordCountBefore } from './batch-header';
import { lz4Frame, simpleZstdFrame } from './compressors';
import { type BoundedDecompressor, gzipDecompressor, lz4Decompressor, snappyDecompressor, zstdDecompressor } from './decompressors';
import { checkedRecords, type RecordLimits } from './record-stream';

export interface DecompressionLimits extends RecordLimits {
  /** Most bytes one record batch is decompressed to; records beyond become stand-ins. */
  maxBatchBytes: number;
}

/** The part of a kafkajs codec this project provides (`compress` takes kafkajs's Encoder). */
interface Codec {
  compress(encoder: { buffer: Buffer }): Promise<Buffer>;
  decompress(buffer: Buffer): Promise<Buffer>;
}

function boundedCodec(
  type: number,
  decompressor: BoundedDecompressor,
  compress: (data: Buffer) => Buffer,
  limits: DecompressionLimits,
): Codec {
  return {
    compress: async (encoder) => compress(encoder.buffer),
    decompress: async (buffer) => checkedRecords(await decompressor(buffer, limits.maxBatchBytes), limits, recordCountBefore(buffer, type)),
  };
}

/**
 * Registers gzip, snappy, lz4 and zstd with kafkajs (its registry is global to the process), each
 * decompressing within `limits`: a record batch never decompresses to more than
 * `maxBatchBytes`, and a record larger than `maxRecordBytes` is never handed over. kafkajs
 * itself reads only uncompressed and gzip batches, and fails the whole fetch on any other.
 */
export function registerBoundedCodecs(limits: DecompressionLimits): void {
  const codecs: Record<number, Codec> = {
    [CompressionTypes.GZIP]: boundedCodec(CompressionTypes.GZIP, gzipDecompressor, (data) => gzipSync(data), limits),
    [CompressionTypes.Snappy]: boundedCodec(
      CompressionTypes.Snappy,
      snappyDecompressor,
      (data) => Buffer.from(snappy.compress(data)),
      limits,
    ),
    [CompressionTypes.LZ4]: boundedCodec(CompressionTypes.LZ4, lz4Decompressor, lz4Frame, limits),
    [CompressionTypes.ZSTD]: boundedCodec(CompressionTypes.ZSTD, zstdDecompressor, simpleZstdFrame, limits),
  };
  for (const [type, codec] of Object.entries(codecs)) {
    (CompressionCodecs as Record<number, () => Codec>)[Number(type)] = () => codec;
  }
}
