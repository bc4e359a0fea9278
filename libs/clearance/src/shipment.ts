import type { ClearanceStatus, DecidedBy, Priority, Reason } from '@app/contract/clearance-status';
import type { Declaration } from '@app/contract/declaration';
import type { HoldOrigin } from '@app/policy/types';

/**
 * A shipment as the backend knows it: its status and what decided it, the declaration in force,
 * and its clock. The domain's type: persistence stores it (its ORM row has the same shape) and
 * hands it back; nothing here knows the row.
 */
export interface Shipment {
  shipmentId: string;
  status: ClearanceStatus;
  priority: Priority;
  coldChain: boolean;
  /** Version of the last status published. */
  version: number;
  /** Amendment number of the declaration in force; null when none was accepted. */
  amendment: number | null;
  declaration: Declaration | null;
  rulesetVersion: number | null;
  arrivedAt: Date | null;
  /** When the first pre-arrival declaration was received (start of the release-time clock). */
  submittedAt: Date | null;
  releasedAt: Date | null;
  /** Set while the status is an operator's or a watchlist match's, which the engine only makes more severe. */
  hold: HoldOrigin | null;
  /** CloudEvents source of the first accepted declaration: the only source that may amend or cancel it. */
  ownerSource: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** One status version of a shipment with every reason (customs' own view). */
export interface Decision {
  shipmentId: string;
  version: number;
  status: ClearanceStatus;
  priority: Priority;
  coldChain: boolean;
  reasons: Reason[];
  rulesetVersion: number | null;
  decidedBy: DecidedBy;
  causationId: string | null;
  decidedAt: Date;
}
