import { type CloudEvent } from './shipment-events';

export const CLEARANCE_STATUSES = [
  'PRE_CLEARED',
  'DOCUMENT_CHECK',
  'INSPECTION_REQUIRED',
  'HELD',
  'RELEASED',
  'CANCELLED',
  'REJECTED',
] as const;
export type ClearanceStatus = (typeof CLEARANCE_STATUSES)[number];

export const PRIORITIES = ['CRITICAL', 'ESSENTIAL', 'STANDARD'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** One reason for a status: a rule that fired, or a validation error of a rejected event. */
export interface Reason {
  code: string;
  ruleId: string;
  message: string;
}

/** `ENGINE` or `OPERATOR:<operator id>`. */
export type DecidedBy = 'ENGINE' | `OPERATOR:${string}`;

/** `data` of the outbound `customs.clearance.status` CloudEvent. */
export interface ClearanceStatusData {
  shipmentId: string;
  version: number;
  status: ClearanceStatus;
  priority: Priority;
  coldChain: boolean;
  reasons: Reason[];
  rulesetVersion: number | null;
  decidedAt: string;
  decidedBy: DecidedBy;
  causationId: string | null;
}

export const CLEARANCE_STATUS_EVENT_TYPE = 'customs.clearance.status';

export type ClearanceStatusEvent = CloudEvent<typeof CLEARANCE_STATUS_EVENT_TYPE, ClearanceStatusData>;
