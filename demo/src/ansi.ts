/** Plain ANSI escape codes of the terminal views (demo, watch-status). */
import { type ClearanceStatus } from '@app/contract';

export const RESET = '\x1b[0m';
export const BOLD = '\x1b[1m';
export const DIM = '\x1b[2m';

export const STATUS_COLOURS: Record<ClearanceStatus, string> = {
  PRE_CLEARED: '\x1b[32m',
  RELEASED: '\x1b[32;1m',
  DOCUMENT_CHECK: '\x1b[33m',
  INSPECTION_REQUIRED: '\x1b[35m',
  HELD: '\x1b[31;1m',
  CANCELLED: '\x1b[90m',
  REJECTED: '\x1b[31m',
};

/** Removes colour and style codes (for measuring and for plain output). */
export function stripAnsi(text: string): string {
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
}
