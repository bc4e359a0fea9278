/**
 * Policy-specific test fixtures: compiled policies, ruleset documents and watchlist entries.
 * Declarations come from the shared contract factory, `@app/contract/testing`.
 */
import { compilePolicy, type CompiledPolicy } from '../compile';
import { DEFAULT_REFERENCE_LISTS, DEFAULT_RULESET_DOCUMENT } from '../default-ruleset';
import { type ReferenceLists, type RuleDefinition, type RulesetDocument, type WatchlistEntry, type WatchlistKind } from '../types';

export const NOW = new Date('2026-04-01T00:00:00Z');

/** A deep copy of the default document with some rules' params/outcome/enabled replaced. */
export function documentWith(changes: Record<string, Partial<RuleDefinition>> = {}): RulesetDocument {
  const doc: RulesetDocument = JSON.parse(JSON.stringify(DEFAULT_RULESET_DOCUMENT));
  for (const rule of doc.rules) {
    const change = changes[rule.id];
    if (change) Object.assign(rule, change, { params: { ...rule.params, ...(change.params ?? {}) } });
  }
  return doc;
}

export function aPolicy(
  opts: { document?: RulesetDocument; version?: number; lists?: ReferenceLists; watchlist?: WatchlistEntry[] } = {},
): CompiledPolicy {
  return compilePolicy({
    ruleset: { version: opts.version ?? 1, document: opts.document ?? DEFAULT_RULESET_DOCUMENT },
    lists: opts.lists ?? DEFAULT_REFERENCE_LISTS,
    watchlist: opts.watchlist ?? [],
  });
}

/** A watchlist entry of `kind` for `value`; by default it never expires (expiresAt absent). */
export function aWatchlistEntry(kind: WatchlistKind, value: string, overrides: Partial<WatchlistEntry> = {}): WatchlistEntry {
  return { id: `wl-${kind}-${value}`, kind, value, reason: 'RILO alert AP-2026-17: falsified vaccines', ...overrides };
}
