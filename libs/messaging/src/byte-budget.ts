/**
 * Bytes of records per produce request: below the record batch limit of the relayed topics
 * (RELAYED_RECORD_MAX_BYTES) even when one record is as large as the broker accepts.
 */
export const MAX_SEND_BYTES = 1024 * 1024;

/** The longest prefix within the byte budget, and never less than one record (so nothing can block a queue). */
export function prefixWithinBytes<T extends { messageKey: Buffer | null; messageValue: Buffer | null }>(rows: T[], budget = MAX_SEND_BYTES): T[] {
  let bytes = 0;
  for (let i = 0; i < rows.length; i++) {
    bytes += (rows[i].messageKey?.length ?? 0) + (rows[i].messageValue?.length ?? 0);
    if (bytes > budget) return rows.slice(0, Math.max(1, i));
  }
  return rows;
}
