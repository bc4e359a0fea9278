/**
 * The record count of the batch whose compressed records a codec is given.
 *
 * kafkajs hands a codec only the compressed bytes, but as a view into the fetch response, right
 * after the batch header (Kafka's v2 record batch layout, 61 bytes: baseOffset int64, batchLength
 * int32, partitionLeaderEpoch int32, magic int8, crc int32, attributes int16, lastOffsetDelta
 * int32, first/max timestamp int64, producerId int64, producerEpoch int16, baseSequence int32,
 * recordCount int32). The count is needed only when records must be made up for (decompression
 * stopped early). The header is trusted only when it is consistent with the view (magic 2, the
 * codec's compression bits, a batch length ending exactly where the view ends); otherwise the
 * count is unknown. libs/messaging/src/compression/bounded-codecs.spec.ts pins this on kafkajs's own decoder.
 */
const HEADER_BYTES = 61;
const BATCH_LENGTH_AT = 8;
const MAGIC_AT = 16;
const ATTRIBUTES_AT = 21;
const RECORD_COUNT_AT = 57;
/** Bytes of the batch counted by batchLength that come before the records (from partitionLeaderEpoch on). */
const COUNTED_HEADER_BYTES = HEADER_BYTES - BATCH_LENGTH_AT - 4;

export function recordCountBefore(compressed: Buffer, compressionType: number): number | null {
  if (compressed.byteOffset < HEADER_BYTES) return null;
  const header = Buffer.from(compressed.buffer, compressed.byteOffset - HEADER_BYTES, HEADER_BYTES);
  if (header.readInt8(MAGIC_AT) !== 2) return null;
  if ((header.readInt16BE(ATTRIBUTES_AT) & 0x07) !== compressionType) return null;
  if (header.readInt32BE(BATCH_LENGTH_AT) !== COUNTED_HEADER_BYTES + compressed.length) return null;
  const count = header.readInt32BE(RECORD_COUNT_AT);
  return count > 0 ? count : null;
}
