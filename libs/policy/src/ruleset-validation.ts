import { RESERVED_RULE_IDS } from './own-reasons';
import { describe, oneOf } from './rule-params';
import { isRuleKind, RULE_KIND_REGISTRY, type RuleKind, RULE_KINDS, ruleKindModule } from './rules/registry';
import { type Disclosure, DISCLOSURES, OUTCOME_SEVERITY, type RuleDefinition, type RuleOutcome, type RulesetDocument } from './types';

export interface RulesetValidationError {
  /** Where in the document, e.g. `rules[3].params.rate`. */
  path: string;
  message: string;
}

export type RulesetValidationResult = { ok: true; document: RulesetDocument } | { ok: false; errors: RulesetValidationError[] };

export const MAX_RULES = 100;
export const MAX_DESCRIPTION_LENGTH = 1000;
const RULE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const RULE_KEYS = new Set(['id', 'kind', 'enabled', 'outcome', 'disclosure', 'params']);
const DOCUMENT_KEYS = new Set(['description', 'rules']);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isDisclosure(v: unknown): v is Disclosure {
  return (DISCLOSURES as readonly unknown[]).includes(v);
}

function isOutcome(v: unknown): v is RuleOutcome {
  return (OUTCOME_SEVERITY as readonly unknown[]).includes(v);
}

function validateRule(path: string, raw: unknown, errors: RulesetValidationError[]): RuleDefinition | null {
  if (!isPlainObject(raw)) {
    errors.push({ path, message: `must be a rule object with id, kind, enabled and params, got ${describe(raw)}` });
    return null;
  }
  for (const key of Object.keys(raw)) {
    if (!RULE_KEYS.has(key)) errors.push({ path: `${path}.${key}`, message: `unknown field (allowed: ${[...RULE_KEYS].join(', ')})` });
  }
  const { id, kind, enabled, outcome, disclosure, params } = raw;
  if (typeof id !== 'string' || !RULE_ID.test(id)) {
    errors.push({
      path: `${path}.id`,
      message: `must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit, got ${describe(id)}`,
    });
  } else if ((RESERVED_RULE_IDS as readonly string[]).includes(id)) {
    errors.push({ path: `${path}.id`, message: `'${id}' is reserved for the engine's own reasons (${oneOf(RESERVED_RULE_IDS)})` });
  }
  if (typeof enabled !== 'boolean') errors.push({ path: `${path}.enabled`, message: `must be true or false, got ${describe(enabled)}` });
  if (!isRuleKind(kind)) {
    errors.push({ path: `${path}.kind`, message: `must be one of ${oneOf(RULE_KINDS)}, got ${describe(kind)}` });
    return null;
  }
  const ruleKind = ruleKindModule(kind);
  const classification = ruleKind.role === 'classification';
  if (classification) {
    if (outcome !== undefined) {
      errors.push({ path: `${path}.outcome`, message: `${kind} classifies the shipment and has no outcome; remove the field` });
    }
    if (enabled === false) {
      errors.push({ path: `${path}.enabled`, message: `${kind} cannot be disabled: every decision needs it` });
    }
  } else if (!isOutcome(outcome)) {
    errors.push({
      path: `${path}.outcome`,
      message: `must be one of ${oneOf(OUTCOME_SEVERITY)} (PRE_CLEARED only reports the finding), got ${describe(outcome)}`,
    });
  }
  let cleanParams: Record<string, unknown> | null = null;
  if (!isPlainObject(params)) {
    errors.push({ path: `${path}.params`, message: `must be an object, got ${describe(params)}` });
  } else {
    cleanParams = ruleKind.readParams(`${path}.params`, params, errors);
  }
  if (disclosure !== undefined && !isDisclosure(disclosure)) {
    errors.push({
      path: `${path}.disclosure`,
      message: `must be ${oneOf(DISCLOSURES)} (public: its reasons go to the trade as they are; internal: replaced by a generic reason), got ${describe(disclosure)}`,
    });
  }
  // With errors the rule is still returned (ids and kinds are counted); only a valid document is used.
  const rule: RuleDefinition = {
    id: typeof id === 'string' ? id : '',
    kind,
    enabled: enabled === true,
    disclosure: isDisclosure(disclosure) ? disclosure : ruleKind.defaultDisclosure,
    params: cleanParams ?? {},
  };
  if (!classification && isOutcome(outcome)) rule.outcome = outcome;
  return rule;
}

/**
 * Strict validation of a ruleset document (as an operator would POST it). On success returns a
 * clean copy with defaults filled in; on failure every problem found, each with its path.
 */
export function validateRulesetDocument(doc: unknown): RulesetValidationResult {
  const errors: RulesetValidationError[] = [];
  if (!isPlainObject(doc)) {
    return { ok: false, errors: [{ path: '', message: `a ruleset document must be an object with a rules array, got ${describe(doc)}` }] };
  }
  for (const key of Object.keys(doc)) {
    if (!DOCUMENT_KEYS.has(key)) errors.push({ path: key, message: `unknown field (allowed: description, rules)` });
  }
  const out: RulesetDocument = { rules: [] };
  if (doc.description !== undefined) {
    if (typeof doc.description !== 'string' || doc.description.length > MAX_DESCRIPTION_LENGTH) {
      errors.push({ path: 'description', message: `must be a string of at most ${MAX_DESCRIPTION_LENGTH} characters` });
    } else {
      out.description = doc.description;
    }
  }
  const rules = doc.rules;
  if (!Array.isArray(rules)) {
    errors.push({ path: 'rules', message: `must be an array of rules, got ${describe(rules)}` });
    return { ok: false, errors };
  }
  if (rules.length > MAX_RULES) {
    errors.push({ path: 'rules', message: `must have at most ${MAX_RULES} rules, got ${rules.length}` });
    return { ok: false, errors };
  }
  const ids = new Map<string, number>();
  const kindCount = new Map<RuleKind, number>();
  rules.forEach((raw, i) => {
    const rule = validateRule(`rules[${i}]`, raw, errors);
    if (rule === null) return;
    // Only ids that are strings are compared (a missing or non-string id has its own error).
    if (isPlainObject(raw) && typeof raw.id === 'string') {
      const prev = ids.get(rule.id);
      if (prev !== undefined) errors.push({ path: `rules[${i}].id`, message: `duplicate rule id '${rule.id}' (also rules[${prev}])` });
      else ids.set(rule.id, i);
    }
    kindCount.set(rule.kind, (kindCount.get(rule.kind) ?? 0) + 1);
    out.rules.push(rule);
  });
  for (const { kind, role } of RULE_KIND_REGISTRY) {
    if (role !== 'classification') continue;
    const n = kindCount.get(kind) ?? 0;
    if (n !== 1) {
      errors.push({ path: 'rules', message: `must contain exactly one ${kind} rule, found ${n}` });
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, document: out };
}

export class InvalidRulesetError extends Error {
  constructor(readonly errors: RulesetValidationError[]) {
    super(`invalid ruleset document: ${errors.map((e) => `${e.path || '(document)'}: ${e.message}`).join('; ')}`);
    this.name = 'InvalidRulesetError';
  }
}
