import { randomBytes } from 'node:crypto';

/**
 * Why a record of a compressed batch could not be handed over as it was sent:
 * - RECORD_TOO_LARGE: its decompressed size is above what the backend can carry (the lanes and
 *   the DLQ accept records up to a fixed size);
 * - BATCH_TOO_LARGE: the batch decompresses to more than the configured bound, and this record
 *   lies beyond it;
 * - UNREADABLE_COMPRESSION: the compressed data could not be decompressed;
 * - REFUSED_BY_BROKER: the broker refused the record for good when the triage forwarded it.
 */
export const UNREADABLE_KINDS = ['RECORD_TOO_LARGE', 'BATCH_TOO_LARGE', 'UNREADABLE_COMPRESSION', 'REFUSED_BY_BROKER'] as const;
export type UnreadableKind = (typeof UNREADABLE_KINDS)[number];

export interface UnreadableRecord {
  kind: UnreadableKind;
  message: string;
}

/**
 * Header of the stand-in record the codecs put in place of a record they could not hand over
 * (value left out). Its value carries a secret of this process, so a producer cannot forge a
 * stand-in by sending the header itself.
 */
export const UNREADABLE_RECORD_HEADER = 'clearance.unreadable';

const PROCESS_SECRET = randomBytes(16).toString('hex');

export function unreadableHeaderValue(record: UnreadableRecord): string {
  return JSON.stringify({ secret: PROCESS_SECRET, kind: record.kind, message: record.message });
}

/** The stand-in's reason when the header was written by this process's codecs; null for anything else. */
export function readUnreadableHeader(value: string | undefined): UnreadableRecord | null {
  if (value === undefined) return null;
  try {
    const parsed = JSON.parse(value) as { secret?: unknown; kind?: unknown; message?: unknown };
    if (parsed.secret !== PROCESS_SECRET || typeof parsed.message !== 'string') return null;
    if (!(UNREADABLE_KINDS as readonly unknown[]).includes(parsed.kind)) return null;
    return { kind: parsed.kind as UnreadableKind, message: parsed.message };
  } catch {
    return null;
  }
}
