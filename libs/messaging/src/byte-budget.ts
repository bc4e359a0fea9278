/**
 * Bytes per produce request, everything counted (keys, values, headers, record overhead):
 * one partition's record batch must stay below the broker's default limit (message.max.bytes,
 * 1 MiB) on topics this backend did not create, and below RELAYED_RECORD_MAX_BYTES on the
 * ones it did, even when one record is as large as the broker accepts.
 */
export const MAX_SEND_BYTES = 768 * 1024;

/** Record framing in a batch (length, attributes, deltas, header counts): a generous upper bound. */
const RECORD_OVERHEAD_BYTES = 64;

interface Sized {
  messageKey: Buffer | null;
  messageValue: Buffer | null;
  headers?: Record<string, string>;
}

/** Bytes a record takes in a record batch, at most. */
export function recordBytes(record: Sized): number {
  let bytes = RECORD_OVERHEAD_BYTES + (record.messageKey?.length ?? 0) + (record.messageValue?.length ?? 0);
  for (const [name, value] of Object.entries(record.headers ?? {})) bytes += Buffer.byteLength(name) + Buffer.byteLength(value) + 10;
  return bytes;
}

/** The longest prefix within the byte budget, and never less than one record (so nothing can block a queue). */
export function prefixWithinBytes<T extends Sized>(rows: T[], budget = MAX_SEND_BYTES): T[] {
  let bytes = 0;
  for (let i = 0; i < rows.length; i++) {
    bytes += recordBytes(rows[i]);
    if (bytes > budget) return rows.slice(0, Math.max(1, i));
  }
  return rows;
}

/** The rows cut, in order, into consecutive prefixes within the byte budget (each at least one record). */
export function chunksWithinBytes<T extends Sized>(rows: T[], budget = MAX_SEND_BYTES): T[][] {
  const chunks: T[][] = [];
  for (let rest = rows; rest.length > 0;) {
    const chunk = prefixWithinBytes(rest, budget);
    chunks.push(chunk);
    rest = rest.slice(chunk.length);
  }
  return chunks;
}
