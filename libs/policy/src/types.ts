import { ClearanceStatus, Priority, Reason } from '@app/contract/clearance-status';

/** Outcomes a rule can ask for, from least to most severe. */
export const OUTCOME_SEVERITY = ['PRE_CLEARED', 'DOCUMENT_CHECK', 'INSPECTION_REQUIRED', 'HELD'] as const;
export type RuleOutcome = (typeof OUTCOME_SEVERITY)[number];

export const RULE_KINDS = [
  'PRIORITY_CLASSIFICATION',
  'COLD_CHAIN',
  'REGULATORY_AUTHORISATION',
  'FALSIFIED_MEDICINE_INDICATORS',
  'EXPIRY_BEFORE_ARRIVAL',
  'WATCHLIST',
  'PREFERENTIAL_ORIGIN_PROOF',
  'RANDOM_SAMPLING',
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/** One rule of a ruleset document: a rule kind implemented in code, parameterised by data. */
export interface RuleDefinition {
  id: string;
  kind: RuleKind;
  enabled: boolean;
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

export const REFERENCE_LIST_NAMES = ['critical-hs-codes', 'essential-hs-codes', 'authorized-manufacturers'] as const;
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
  /** Every rule that fired, the priority and the final outcome included; never empty. */
  reasons: Reason[];
  rulesetVersion: number;
}

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
}
