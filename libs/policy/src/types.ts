import { type ClearanceStatus, type Priority, type Reason } from '@app/contract/clearance-status';
import { type RuleKind } from './rules/registry';

/** Outcomes a rule can ask for, from least to most severe. */
export const OUTCOME_SEVERITY = ['PRE_CLEARED', 'DOCUMENT_CHECK', 'INSPECTION_REQUIRED', 'HELD'] as const;
export type RuleOutcome = (typeof OUTCOME_SEVERITY)[number];

/**
 * What the trade may read of a rule's reasons: `public` ones go on the status topic as they are;
 * `internal` ones (intelligence, targeting) are replaced there by one generic reason.
 */
export const DISCLOSURES = ['public', 'internal'] as const;
export type Disclosure = (typeof DISCLOSURES)[number];

/** One rule of a ruleset document: a rule kind implemented in code (rules/registry.ts), parameterised by data. */
export interface RuleDefinition {
  id: string;
  kind: RuleKind;
  enabled: boolean;
  /** Absent: the kind's default disclosure (validation fills it in). */
  disclosure?: Disclosure;
  /** The outcome the rule asks for when it fires (classification rules have none). */
  outcome?: RuleOutcome;
  params: Record<string, unknown>;
}

/** A ruleset document as stored in PostgreSQL (versioned; one version is active). */
export interface RulesetDocument {
  description?: string;
  rules: RuleDefinition[];
}

export interface Ruleset {
  version: number;
  document: RulesetDocument;
}

export const REFERENCE_LIST_NAMES = ['critical-hs-codes', 'essential-hs-codes', 'authorized-manufacturers', 'arrival-sources'] as const;
export type ReferenceListName = (typeof REFERENCE_LIST_NAMES)[number];
export type ReferenceLists = Record<ReferenceListName, string[]>;

export function isReferenceListName(value: unknown): value is ReferenceListName {
  return typeof value === 'string' && (REFERENCE_LIST_NAMES as readonly string[]).includes(value);
}

export const WATCHLIST_KINDS = ['PARTY', 'MANUFACTURER', 'ORIGIN_COUNTRY'] as const;
export type WatchlistKind = (typeof WATCHLIST_KINDS)[number];

export interface WatchlistEntry {
  id: string;
  kind: WatchlistKind;
  value: string;
  reason: string;
  /** ISO timestamp; null or absent means it never expires. */
  expiresAt?: string | null;
}

/** Everything the policy needs besides the event: read from the database, pinned in tests. */
export interface PolicyInputs {
  ruleset: Ruleset;
  lists: ReferenceLists;
  watchlist: WatchlistEntry[];
}

/** What the policy concludes about a declaration. */
export interface Assessment {
  status: RuleOutcome;
  priority: Priority;
  coldChain: boolean;
  /** Every rule that fired, the priority and the final outcome included; never empty. Customs' own view. */
  reasons: Reason[];
  /** The same for the trade: internal rules' reasons replaced by one generic reason. */
  publicReasons: Reason[];
  /** Whether a watchlist rule decided the outcome (its hold sticks: see ShipmentState.hold). */
  watchlistHold: boolean;
  rulesetVersion: number;
}

/**
 * Who set a status that sticks (docs/contract.md#holds-stick): an operator, or a watchlist match. The
 * engine only makes such a status more severe until an operator moves the shipment on.
 */
export const HOLD_ORIGINS = ['OPERATOR', 'WATCHLIST'] as const;
export type HoldOrigin = (typeof HOLD_ORIGINS)[number];

/** The part of a shipment's recorded state the lifecycle needs. */
export interface ShipmentState {
  shipmentId: string;
  status: ClearanceStatus;
  priority: Priority;
  coldChain: boolean;
  /** Status version last published; 0 before the first. */
  version: number;
  /** Amendment number of the declaration in force; null when no declaration was accepted. */
  amendment: number | null;
  arrivedAt: string | null;
  /** Set while the status is an operator's or a watchlist match's and sticks. */
  hold: HoldOrigin | null;
  /** CloudEvents `source` of the first accepted declaration: the only source that may amend or cancel it. */
  ownerSource: string | null;
}
