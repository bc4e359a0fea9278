import { PRIORITIES } from '@app/contract/clearance-status';
import { PARTY_TYPES, SUPPORTING_DOCUMENT_TYPES, TRANSPORT_CHANNELS } from '@app/contract/declaration';
import { normaliseHsCode } from './normalise';
import {
  DEFAULT_DISCLOSURE,
  type Disclosure,
  DISCLOSURES,
  isReferenceListName,
  OUTCOME_SEVERITY,
  REFERENCE_LIST_NAMES,
  RULE_KINDS,
  type RuleDefinition,
  type RuleKind,
  type RulesetDocument,
  WATCHLIST_KINDS,
} from './types';

export interface RulesetValidationError {
  /** Where in the document, e.g. `rules[3].params.rate`. */
  path: string;
  message: string;
}

export type RulesetValidationResult = { ok: true; document: RulesetDocument } | { ok: false; errors: RulesetValidationError[] };

/** Rule ids the engine and lifecycle use for their own reasons; a rule may not take them. */
export const RESERVED_RULE_IDS = ['pre-clearance', 'severity-order', 'validation', 'lifecycle', 'operator'] as const;

export const MAX_RULES = 100;
export const MAX_DESCRIPTION_LENGTH = 1000;
const MAX_ARRAY_ITEMS = 1000;
const RULE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const HS_PREFIX = /^[0-9][0-9. ]*$/;
const UN_NUMBER = /^UN[0-9]{4}$/;

/** An HS code or prefix as operators write it: 2 to 10 digits, dots (or spaces) allowed. */
export function isHsCodePrefix(value: string): boolean {
  const digits = normaliseHsCode(value).length;
  return HS_PREFIX.test(value) && digits >= 2 && digits <= 10;
}

type ParamSpec =
  | { type: 'number'; min: number; max: number; integer?: boolean; default?: number; unit?: string }
  | { type: 'boolean'; default?: boolean }
  | { type: 'listName'; default?: string }
  | { type: 'enumArray'; values: readonly string[]; minItems: number; default?: string[]; note?: string }
  | { type: 'hsPrefixArray'; minItems: number }
  | { type: 'unNumberArray'; minItems: number };

interface KindSpec {
  /** Classification kinds decide priority and cold chain; they have no outcome, exist once and are always on. */
  classification: boolean;
  params: Record<string, ParamSpec>;
}

const DECIDING_OUTCOMES = OUTCOME_SEVERITY.filter((o) => o !== 'PRE_CLEARED');

export const RULE_KIND_SPECS: Readonly<Record<RuleKind, KindSpec>> = {
  PRIORITY_CLASSIFICATION: {
    classification: true,
    params: { criticalList: { type: 'listName' }, essentialList: { type: 'listName' } },
  },
  COLD_CHAIN: {
    classification: true,
    params: {
      maxStorageTempC: { type: 'number', min: -100, max: 40, unit: '°C' },
      unNumbers: { type: 'unNumberArray', minItems: 0 },
      controlledInspectionStatuses: {
        type: 'enumArray',
        values: DECIDING_OUTCOMES,
        minItems: 0,
        default: ['INSPECTION_REQUIRED'],
      },
    },
  },
  REGULATORY_AUTHORISATION: {
    classification: false,
    params: {
      priorities: { type: 'enumArray', values: PRIORITIES, minItems: 1 },
      hsPrefixes: { type: 'hsPrefixArray', minItems: 1 },
      acceptedDocuments: { type: 'enumArray', values: SUPPORTING_DOCUMENT_TYPES, minItems: 1 },
    },
  },
  FALSIFIED_MEDICINE_INDICATORS: {
    classification: false,
    params: {
      priorities: { type: 'enumArray', values: PRIORITIES, minItems: 1, default: ['CRITICAL'] },
      privateConsigneeTypes: { type: 'enumArray', values: PARTY_TYPES, minItems: 0, default: ['PRIVATE_INDIVIDUAL'] },
      riskyChannels: { type: 'enumArray', values: TRANSPORT_CHANNELS, minItems: 0 },
      trustedConsigneeTypes: { type: 'enumArray', values: PARTY_TYPES, minItems: 0 },
      manufacturerList: { type: 'listName' },
    },
  },
  EXPIRY_BEFORE_ARRIVAL: {
    classification: false,
    params: { minShelfLifeDays: { type: 'number', min: 0, max: 3650, integer: true, default: 0, unit: 'days' } },
  },
  WATCHLIST: {
    classification: false,
    params: { kinds: { type: 'enumArray', values: WATCHLIST_KINDS, minItems: 1, default: [...WATCHLIST_KINDS] } },
  },
  PREFERENTIAL_ORIGIN_PROOF: {
    classification: false,
    params: { acceptedDocuments: { type: 'enumArray', values: SUPPORTING_DOCUMENT_TYPES, minItems: 1 } },
  },
  RANDOM_SAMPLING: {
    classification: false,
    params: {
      rate: { type: 'number', min: 0, max: 1 },
      priorities: {
        type: 'enumArray',
        values: ['STANDARD'],
        minItems: 1,
        note: 'CRITICAL and ESSENTIAL shipments are never randomly sampled',
      },
      exemptAeoConsignee: { type: 'boolean', default: true },
    },
  },
};

const RULE_KEYS = new Set(['id', 'kind', 'enabled', 'outcome', 'disclosure', 'params']);
const DOCUMENT_KEYS = new Set(['description', 'rules']);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

function oneOf(values: readonly string[]): string {
  return values.join(', ');
}

function checkParam(path: string, spec: ParamSpec, value: unknown, errors: RulesetValidationError[]): unknown {
  switch (spec.type) {
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        errors.push({ path, message: `must be a number, got ${describe(value)}` });
        return undefined;
      }
      if (spec.integer && !Number.isInteger(value)) {
        errors.push({ path, message: `must be a whole number, got ${value}` });
      }
      if (value < spec.min || value > spec.max) {
        const unit = spec.unit ? ` ${spec.unit}` : '';
        errors.push({ path, message: `must be between ${spec.min} and ${spec.max}${unit}, got ${value}` });
      }
      return value;
    }
    case 'boolean':
      if (typeof value !== 'boolean') errors.push({ path, message: `must be true or false, got ${describe(value)}` });
      return value;
    case 'listName':
      if (!isReferenceListName(value)) {
        errors.push({ path, message: `must name a reference list (one of ${oneOf(REFERENCE_LIST_NAMES)}), got ${describe(value)}` });
      }
      return value;
    case 'enumArray':
    case 'hsPrefixArray':
    case 'unNumberArray': {
      if (!Array.isArray(value)) {
        errors.push({ path, message: `must be an array, got ${describe(value)}` });
        return undefined;
      }
      if (value.length < spec.minItems) {
        errors.push({ path, message: `must have at least ${spec.minItems} value(s)` });
      }
      if (value.length > MAX_ARRAY_ITEMS) {
        errors.push({ path, message: `must have at most ${MAX_ARRAY_ITEMS} values, got ${value.length}` });
        return value;
      }
      const seen = new Set<string>();
      value.forEach((v, i) => {
        const p = `${path}[${i}]`;
        if (typeof v !== 'string') {
          errors.push({ path: p, message: `must be a string, got ${describe(v)}` });
          return;
        }
        let key = v;
        if (spec.type === 'enumArray' && !spec.values.includes(v)) {
          const note = spec.note ? ` (${spec.note})` : '';
          errors.push({ path: p, message: `must be one of ${oneOf(spec.values)}, got ${describe(v)}${note}` });
        } else if (spec.type === 'hsPrefixArray') {
          key = normaliseHsCode(v);
          if (!isHsCodePrefix(v)) {
            errors.push({
              path: p,
              message: `must be an HS code prefix of 2 to 10 digits, dots allowed (e.g. 3002 or 3002.41), got ${describe(v)}`,
            });
          }
        } else if (spec.type === 'unNumberArray' && !UN_NUMBER.test(v)) {
          errors.push({ path: p, message: `must be a UN number like UN1845, got ${describe(v)}` });
        }
        if (seen.has(key)) errors.push({ path: p, message: `duplicate value ${describe(v)}` });
        seen.add(key);
      });
      return [...value];
    }
  }
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
  if (typeof kind !== 'string' || !(RULE_KINDS as readonly string[]).includes(kind)) {
    errors.push({ path: `${path}.kind`, message: `must be one of ${oneOf(RULE_KINDS)}, got ${describe(kind)}` });
    return null;
  }
  const spec = RULE_KIND_SPECS[kind as RuleKind];
  if (spec.classification) {
    if (outcome !== undefined) {
      errors.push({ path: `${path}.outcome`, message: `${kind} classifies the shipment and has no outcome; remove the field` });
    }
    if (enabled === false) {
      errors.push({ path: `${path}.enabled`, message: `${kind} cannot be disabled: every decision needs it` });
    }
  } else if (typeof outcome !== 'string' || !(OUTCOME_SEVERITY as readonly string[]).includes(outcome)) {
    errors.push({
      path: `${path}.outcome`,
      message: `must be one of ${oneOf(OUTCOME_SEVERITY)} (PRE_CLEARED only reports the finding), got ${describe(outcome)}`,
    });
  }
  const cleanParams: Record<string, unknown> = {};
  if (!isPlainObject(params)) {
    errors.push({ path: `${path}.params`, message: `must be an object, got ${describe(params)}` });
  } else {
    for (const key of Object.keys(params)) {
      if (!(key in spec.params)) {
        errors.push({
          path: `${path}.params.${key}`,
          message: `unknown parameter for ${kind} (allowed: ${Object.keys(spec.params).join(', ')})`,
        });
      }
    }
    for (const [name, ps] of Object.entries(spec.params)) {
      const p = `${path}.params.${name}`;
      if (params[name] === undefined) {
        if ('default' in ps && ps.default !== undefined) {
          cleanParams[name] = Array.isArray(ps.default) ? [...ps.default] : ps.default;
        } else {
          errors.push({ path: p, message: `is required for ${kind}` });
        }
        continue;
      }
      cleanParams[name] = checkParam(p, ps, params[name], errors);
    }
  }
  if (disclosure !== undefined && !(DISCLOSURES as readonly unknown[]).includes(disclosure)) {
    errors.push({
      path: `${path}.disclosure`,
      message: `must be ${oneOf(DISCLOSURES)} (public: its reasons go to the trade as they are; internal: replaced by a generic reason), got ${describe(disclosure)}`,
    });
  }
  const rule: RuleDefinition = {
    id: id as string,
    kind: kind as RuleKind,
    enabled: enabled as boolean,
    disclosure: (disclosure as Disclosure | undefined) ?? DEFAULT_DISCLOSURE[kind as RuleKind],
    params: cleanParams,
  };
  if (!spec.classification) rule.outcome = outcome as RuleDefinition['outcome'];
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
    if (typeof rule.id === 'string') {
      const prev = ids.get(rule.id);
      if (prev !== undefined) errors.push({ path: `rules[${i}].id`, message: `duplicate rule id '${rule.id}' (also rules[${prev}])` });
      else ids.set(rule.id, i);
    }
    kindCount.set(rule.kind, (kindCount.get(rule.kind) ?? 0) + 1);
    out.rules.push(rule);
  });
  for (const kind of RULE_KINDS) {
    if (!RULE_KIND_SPECS[kind].classification) continue;
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
