import { type Reason } from '@app/contract/clearance-status';
import { type RuleContext } from './context';
import { type NameNormaliser } from './normalise';
import { type ParamSchemas, type ParamsOf, readParams } from './rule-params';
import { type RulesetValidationError } from './ruleset-validation';
import { type Disclosure, type ReferenceLists, type WatchlistEntry } from './types';

/**
 * A rule kind in one place: its parameters (declared once, `rule-params.ts`), how a rule of the kind
 * is compiled, how it is evaluated, and its default disclosure. `rules/registry.ts` lists the kinds;
 * ruleset validation and `compilePolicy` read everything else from here.
 */

/** What a rule may read besides its parameters when it is compiled (once per policy change). */
export interface CompileInputs {
  readonly lists: ReferenceLists;
  readonly watchlist: readonly WatchlistEntry[];
  /** The policy's shared memo of normalised names. */
  readonly names: NameNormaliser;
}

/** A compiled rule's evaluation: the reasons it fires with, or null when it does not fire. */
export type EvaluateRule = (ctx: RuleContext) => Reason[] | null;

interface RuleKindBase<K extends string> {
  readonly kind: K;
  /** The disclosure of a rule of this kind that does not say (docs/contract.md#disclosure). */
  readonly defaultDisclosure: Disclosure;
  readonly params: ParamSchemas;
  /** Checks a rule's params (validation): the clean params with defaults, or null with `errors` filled. */
  readParams(path: string, params: Readonly<Record<string, unknown>>, errors: RulesetValidationError[]): Record<string, unknown> | null;
}

/** A kind whose rules fire with an outcome (DOCUMENT_CHECK, HELD, ...); a ruleset may have any number of them. */
export interface DecidingRuleKind<K extends string = string> extends RuleKindBase<K> {
  readonly role: 'deciding';
  /** Compiles one rule of the kind into its evaluation (a closure over what compile precomputed). */
  compileRule(ruleId: string, params: Readonly<Record<string, unknown>>, inputs: CompileInputs): EvaluateRule;
}

/**
 * A kind that classifies every shipment (priority, cold chain): exactly one rule of it in a ruleset,
 * always enabled, no outcome. `compilePolicy` uses its compiled form `C` directly.
 */
export interface ClassificationRuleKind<K extends string = string, C = unknown> extends RuleKindBase<K> {
  readonly role: 'classification';
  compileRule(ruleId: string, params: Readonly<Record<string, unknown>>, inputs: CompileInputs): C;
}

export type RuleKindModule = DecidingRuleKind | ClassificationRuleKind;

/** Thrown when a rule is compiled with params its kind refuses (compilePolicy validates first, so a bug). */
export class InvalidRuleParamsError extends Error {
  constructor(
    readonly ruleId: string,
    readonly errors: RulesetValidationError[],
  ) {
    super(`rule ${ruleId}: invalid params: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
    this.name = 'InvalidRuleParamsError';
  }
}

interface KindSpec<K extends string, S extends ParamSchemas, C> {
  kind: K;
  defaultDisclosure: Disclosure;
  params: S;
  /** Runs once per rule and policy change, with the rule's checked params. */
  compile(ruleId: string, params: ParamsOf<S>, inputs: CompileInputs): C;
}

/** What both roles share: the declaration, and its params read for validation and (typed) for compile. */
function kindBase<K extends string, S extends ParamSchemas, C>(spec: KindSpec<K, S, C>) {
  const { kind, defaultDisclosure, params, compile } = spec;
  return {
    kind,
    defaultDisclosure,
    params,
    readParams: (path: string, raw: Readonly<Record<string, unknown>>, errors: RulesetValidationError[]) =>
      readParams(kind, params, path, raw, errors),
    compileWithParams(ruleId: string, raw: Readonly<Record<string, unknown>>, inputs: CompileInputs): C {
      const errors: RulesetValidationError[] = [];
      const checked = readParams(kind, params, 'params', raw, errors);
      if (checked === null) throw new InvalidRuleParamsError(ruleId, errors);
      return compile(ruleId, checked, inputs);
    },
  };
}

/** Declares a deciding rule kind; `evaluate` runs once per assessment with what `compile` gave. */
export function defineDecidingRuleKind<const K extends string, S extends ParamSchemas, C>(
  spec: KindSpec<K, S, C> & { evaluate(ctx: RuleContext, compiled: C): Reason[] | null },
): DecidingRuleKind<K> {
  const { compileWithParams, ...base } = kindBase(spec);
  const { evaluate } = spec;
  return {
    ...base,
    role: 'deciding',
    compileRule(ruleId, raw, inputs) {
      const compiled = compileWithParams(ruleId, raw, inputs);
      return (ctx) => evaluate(ctx, compiled);
    },
  };
}

/** Declares a classification rule kind; `compile` gives what `compilePolicy` classifies with. */
export function defineClassificationRuleKind<const K extends string, S extends ParamSchemas, C>(
  spec: KindSpec<K, S, C>,
): ClassificationRuleKind<K, C> {
  const { compileWithParams, ...base } = kindBase(spec);
  return { ...base, role: 'classification', compileRule: compileWithParams };
}
