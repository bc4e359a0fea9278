import { UNREADABLE_RECORD_HEADER, type UnreadableKind, unreadableHeaderValue } from './unreadable-record';

/**
 * The records of a decompressed record batch (Kafka's v2 record format: each record is a zigzag
 * varint length followed by that many bytes), checked against the backend's limits. A record
 * too large to carry, and every record past the point where decompression stopped, is replaced
 * by a small stand-in record (same offset delta, timestamp delta and key where they can be read;
 * no value; the `clearance.unreadable` header saying why), so the consumer reads each of them as
 * a record to dead-letter instead of failing on the whole fetch.
 */

export interface RecordLimits {
  /** Largest decompressed record handed over as it is. */
  maxRecordBytes: number;
}

/** What the decompressor produced: the bytes, and why it stopped before the end, if it did. */
export interface DecompressedPrefix {
  data: Buffer;
  /** Unset when `data` is the whole decompressed stream. */
  stopped?: { kind: Exclude<UnreadableKind, 'RECORD_TOO_LARGE'>; message: string };
}

/** Raised when records are missing and the batch header (their count) could not be read. */
export class UnreadableBatchError extends Error {
  override readonly name = 'UnreadableBatchError';
}

/** Keys longer than this are not copied into a stand-in (a shipment id is at most 64 characters). */
const MAX_STAND_IN_KEY_BYTES = 1024;
/** Bytes of a record read to find its timestamp delta, offset delta and key. */
const RECORD_PREFIX_BYTES = 1 + 10 + 5 + 5 + MAX_STAND_IN_KEY_BYTES;

/**
 * The records to hand to the Kafka client. `recordCount` is the batch header's count, when it
 * could be read: it is needed only when records must be made up for (decompression stopped early).
 */
export function checkedRecords(prefix: DecompressedPrefix, limits: RecordLimits, recordCount: number | null): Buffer {
  const { data } = prefix;
  const parts: Buffer[] = [];
  let changed = false;
  let emitted = 0;
  let pos = 0;
  /** The start of a record cut by the end of `data`: its key may still be readable. */
  let cut: Buffer = Buffer.alloc(0);
  while (pos < data.length && (recordCount === null || emitted < recordCount)) {
    const length = readVarint(data, pos);
    if (length === null || length.value < 0) break; // cut inside the length: the record is missing
    const start = length.next;
    const end = start + length.value;
    if (length.value > limits.maxRecordBytes) {
      parts.push(
        standIn(data.subarray(start, Math.min(end, start + RECORD_PREFIX_BYTES)), emitted, {
          kind: 'RECORD_TOO_LARGE',
          message: `the record decompresses to ${length.value} bytes, more than the ${limits.maxRecordBytes} bytes accepted`,
        }),
      );
      changed = true;
      emitted++;
      pos = end;
      continue;
    }
    if (end > data.length) {
      cut = data.subarray(start, start + RECORD_PREFIX_BYTES);
      break; // cut inside the record: it is missing
    }
    parts.push(data.subarray(pos, end));
    emitted++;
    pos = end;
  }
  const missing = pos < data.length || prefix.stopped !== undefined;
  if (!missing && !changed) return data;
  if (missing) {
    if (recordCount === null) {
      throw new UnreadableBatchError(
        `${prefix.stopped?.message ?? 'the decompressed records are incomplete'}, and the batch's record count is unknown`,
      );
    }
    const reason = prefix.stopped ?? { kind: 'UNREADABLE_COMPRESSION' as const, message: 'the decompressed records are incomplete' };
    // Offsets inside a batch are consecutive (the broker assigns them): the delta is the index.
    for (let first = true; emitted < recordCount; emitted++, first = false)
      parts.push(standIn(first ? cut : Buffer.alloc(0), emitted, reason));
  }
  return Buffer.concat(parts);
}

/** A record with the original's timestamp delta, offset delta and key (when readable), no value, and the reason. */
function standIn(prefix: Buffer, index: number, reason: { kind: UnreadableKind; message: string }): Buffer {
  const fields = recordPrefixFields(prefix) ?? { timestampDelta: Buffer.from([0]), offsetDelta: varint(index), key: NULL_BYTES };
  const headerName = Buffer.from(UNREADABLE_RECORD_HEADER, 'utf8');
  const headerValue = Buffer.from(unreadableHeaderValue(reason), 'utf8');
  const body = Buffer.concat([
    Buffer.from([0]), // attributes
    fields.timestampDelta,
    fields.offsetDelta,
    fields.key,
    NULL_BYTES, // value
    varint(1), // one header
    varint(headerName.length),
    headerName,
    varint(headerValue.length),
    headerValue,
  ]);
  return Buffer.concat([varint(body.length), body]);
}

const NULL_BYTES = Buffer.from([1]); // zigzag(-1): a null key or value

/** The raw encodings of a record's timestamp delta, offset delta and key, or null when not all are in `prefix`. */
function recordPrefixFields(prefix: Buffer): { timestampDelta: Buffer; offsetDelta: Buffer; key: Buffer } | null {
  if (prefix.length < 1) return null;
  const timestampEnd = varintEnd(prefix, 1, 10);
  if (timestampEnd === null) return null;
  const offsetEnd = varintEnd(prefix, timestampEnd, 5);
  if (offsetEnd === null) return null;
  const keyLength = readVarint(prefix, offsetEnd);
  if (keyLength === null) return null;
  let key: Buffer = NULL_BYTES;
  if (keyLength.value >= 0 && keyLength.value <= MAX_STAND_IN_KEY_BYTES && keyLength.next + keyLength.value <= prefix.length) {
    key = prefix.subarray(offsetEnd, keyLength.next + keyLength.value);
  }
  return { timestampDelta: prefix.subarray(1, timestampEnd), offsetDelta: prefix.subarray(timestampEnd, offsetEnd), key };
}

/** Where a varint starting at `pos` ends, or null when it is cut or longer than `maxBytes`. */
function varintEnd(data: Buffer, pos: number, maxBytes: number): number | null {
  for (let i = 0; i < maxBytes && pos + i < data.length; i++) {
    if ((data[pos + i] & 0x80) === 0) return pos + i + 1;
  }
  return null;
}

/** A zigzag varint (32 bits) at `pos`; null when cut or malformed. */
export function readVarint(data: Buffer, pos: number): { value: number; next: number } | null {
  let raw = 0;
  for (let i = 0; i < 5; i++) {
    if (pos + i >= data.length) return null;
    const byte = data[pos + i];
    raw += (byte & 0x7f) * 2 ** (7 * i);
    if ((byte & 0x80) === 0) {
      const value = raw % 2 === 0 ? raw / 2 : -(raw + 1) / 2;
      return { value, next: pos + i + 1 };
    }
  }
  return null;
}

/** The zigzag varint encoding of a 32-bit integer. */
export function varint(value: number): Buffer {
  let raw = value >= 0 ? value * 2 : -value * 2 - 1;
  const bytes: number[] = [];
  while (raw >= 0x80) {
    bytes.push((raw % 0x80) | 0x80);
    raw = Math.floor(raw / 0x80);
  }
  bytes.push(raw);
  return Buffer.from(bytes);
}
