import { type Priority } from '@app/contract/clearance-status';
import { type Declaration, SUPPORTING_DOCUMENT_TYPES, type SupportingDocumentType } from '@app/contract/declaration';
import { type NameNormaliser } from './normalise';

/** Rank of a priority: lower is higher priority. */
export const PRIORITY_RANK: Readonly<Record<Priority, number>> = { CRITICAL: 0, ESSENTIAL: 1, STANDARD: 2 };
export const PRIORITY_BY_RANK: readonly Priority[] = ['CRITICAL', 'ESSENTIAL', 'STANDARD'];

const DOCUMENT_BIT = new Map<string, number>(SUPPORTING_DOCUMENT_TYPES.map((t, i) => [t, 1 << i]));

/** Bit mask of document types, so "has one of these documents" is one AND. */
export function documentMask(types: readonly SupportingDocumentType[] | readonly string[]): number {
  let mask = 0;
  for (const t of types) mask |= DOCUMENT_BIT.get(t) ?? 0;
  return mask;
}

export function declarationDocumentMask(declaration: Declaration): number {
  const docs = declaration.documents;
  if (docs === undefined) return 0;
  let mask = 0;
  for (let i = 0; i < docs.length; i++) mask |= DOCUMENT_BIT.get(docs[i].type) ?? 0;
  return mask;
}

/** Facts computed once per assessment and shared by the rules (read-only for them). */
export interface RuleContext {
  readonly declaration: Declaration;
  readonly nowMs: number;
  /** PRIORITY_RANK of each item, by item index. Only the first items.length entries are meaningful. */
  readonly itemRanks: Uint8Array;
  readonly priority: Priority;
  readonly coldChain: boolean;
  /** documentMask of the declaration's documents. */
  readonly documents: number;
  readonly names: NameNormaliser;
}
