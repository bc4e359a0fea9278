import type { ClearanceStatus } from '@app/contract/clearance-status';

/** The open statuses that need an officer: the worklist's (docs/contract.md#operators-work). */
export const WORKLIST_STATUSES: readonly ClearanceStatus[] = Object.freeze(['DOCUMENT_CHECK', 'INSPECTION_REQUIRED', 'HELD']);
