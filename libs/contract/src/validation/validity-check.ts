/* eslint-disable @typescript-eslint/no-unsafe-function-type -- class-validator and class-transformer key their metadata by class constructors typed `Function`; this file goes when inbound validation moves to a declarative schema (issue 9). */
/**
 * A yes/no pre-check of `validateSync(instance, options).length === 0`, for the hot path:
 * almost every record is valid, and class-validator's executor builds a ValidationError
 * per property (then throws the empty ones away), filters each property's rules five times
 * and allocates its way through every nested object; for a valid Declaration that was two
 * thirds of the parse time.
 *
 * It runs on the parsed JSON after `applyTransforms` but before `setPrototypes` (see
 * ./hydrate): the class of each object is the one `setPrototypes` would give it (the root
 * type, then the @Type classes). The rules are class-validator's own: the same metadata
 * (`getTargetValidationMetadatas` of that class, grouped by property) and the same
 * constraint instances, called with the same arguments in the same order, stopping at the
 * first failure. (The constraints get the object without its DTO prototype; the DTOs'
 * constraints, see ./decorators, only read its own properties and its identity.)
 *
 * It answers `true` only when class-validator would report nothing; anything it does not
 * model (IsDefined, `each`, async or promise-returning constraints, other validator
 * options) makes it answer `false`, and the caller then runs `validateSync`, which stays
 * the validator of record and produces every issue. So it can only save work, never change
 * a decision. Mirrored from class-validator 0.14's ValidationExecutor:
 *  - forbidUnknownValues: a class without rules, or a nested object without a @Type class, is invalid;
 *  - whitelist + forbidNonWhitelisted: an own enumerable key without rules is invalid;
 *  - per property with rules: skipped when a ValidateIf condition is false; otherwise every
 *    custom constraint must pass; a nested value (when not undefined) must be an object,
 *    validated as its class, or an array of such (undefined entries are skipped).
 */
import { ValidationTypes, type ValidatorOptions, getMetadataStorage } from 'class-validator';
import type { ValidationArguments } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { type DtoClass, nestedTypeOf } from './hydrate';

type Validate = (value: unknown, args: ValidationArguments) => unknown;

interface PropertyCheck {
  readonly key: string;
  readonly conditions: readonly ((object: object, value: unknown) => unknown)[];
  readonly constraints: readonly { readonly validate: Validate; readonly constraints: unknown[] }[];
  readonly nested: boolean;
  /** The @Type class of a nested value (class-validator would find it as the value's constructor). */
  readonly type: DtoClass | undefined;
}

interface ClassCheck {
  /** false: some rule is not modelled here (always answer "not sure"). */
  readonly modelled: boolean;
  readonly targetName: string | undefined;
  readonly hasRules: boolean;
  readonly known: ReadonlySet<string>;
  readonly properties: readonly PropertyCheck[];
}

const NOT_MODELLED: ClassCheck = { modelled: false, targetName: undefined, hasRules: false, known: new Set(), properties: [] };

/**
 * Returns `object => boolean`, `true` only if `validateSync(object, options)` would return no
 * errors. Throws for options it does not model.
 */
export function validityCheck(options: ValidatorOptions): (object: object, type: DtoClass) => boolean {
  if (
    options.whitelist !== true ||
    options.forbidNonWhitelisted !== true ||
    options.forbidUnknownValues === false ||
    options.skipMissingProperties ||
    options.skipNullProperties ||
    options.skipUndefinedProperties ||
    options.always ||
    options.strictGroups ||
    (options.groups && options.groups.length > 0)
  ) {
    throw new Error('validityCheck: unsupported validator options');
  }

  const storage = getMetadataStorage();
  const checks = new Map<Function, ClassCheck>();

  function classCheck(type: Function): ClassCheck {
    let check = checks.get(type);
    if (check) return check;
    check = buildCheck(type);
    checks.set(type, check);
    return check;
  }

  function buildCheck(type: Function): ClassCheck {
    const metadatas = storage.getTargetValidationMetadatas(type, '', false, false, undefined);
    const grouped = storage.groupByPropertyName(metadatas);
    const known = new Set<string>();
    const properties: PropertyCheck[] = [];
    for (const key of Object.keys(grouped)) {
      const rules: ValidationMetadata[] = grouped[key];
      if (rules.length > 0) known.add(key);
      const conditions: PropertyCheck['conditions'][number][] = [];
      const constraints: { validate: Validate; constraints: unknown[] }[] = [];
      let nested = false;
      for (const rule of rules) {
        if (rule.each) return NOT_MODELLED;
        switch (rule.type) {
          case ValidationTypes.WHITELIST:
            break;
          case ValidationTypes.CONDITIONAL_VALIDATION:
            conditions.push(rule.constraints[0]);
            break;
          case ValidationTypes.NESTED_VALIDATION:
            nested = true;
            break;
          case ValidationTypes.CUSTOM_VALIDATION:
            for (const constraint of storage.getTargetValidatorConstraints(rule.constraintCls)) {
              if (constraint.async) return NOT_MODELLED;
              const instance = constraint.instance;
              constraints.push({ validate: instance.validate.bind(instance) as Validate, constraints: rule.constraints });
            }
            break;
          default: // IS_DEFINED, PROMISE_VALIDATION, anything newer
            return NOT_MODELLED;
        }
      }
      properties.push({ key, conditions, constraints, nested, type: nestedTypeOf(type as DtoClass, key) });
    }
    return { modelled: true, targetName: type.name, hasRules: metadatas.length > 0, known, properties };
  }

  const hasOwn = Object.prototype.hasOwnProperty;

  function isValid(object: object, type: Function): boolean {
    const check = classCheck(type);
    if (!check.modelled || !check.hasRules) return false;
    for (const key in object) {
      if (hasOwn.call(object, key) && !check.known.has(key)) return false;
    }
    const record = object as Record<string, unknown>;
    for (const property of check.properties) {
      const value = record[property.key];
      let applies = true; // all conditions are evaluated, like class-validator does
      for (const condition of property.conditions) applies = !!condition(object, value) && applies;
      if (!applies) continue;
      for (const constraint of property.constraints) {
        const args: ValidationArguments = {
          targetName: check.targetName as string,
          property: property.key,
          object,
          value,
          constraints: constraint.constraints,
        };
        const result = constraint.validate(value, args);
        if (!result || isPromiseLike(result)) return false;
      }
      if (property.nested && value !== undefined && !isValidNested(value, property.type)) return false;
    }
    return true;
  }

  function isValidNested(value: unknown, type: DtoClass | undefined): boolean {
    if (Array.isArray(value)) {
      for (const entry of value) if (entry !== undefined && !isValidNested(entry, type)) return false;
      return true;
    }
    // An object without a @Type class has no rules: forbidUnknownValues rejects it.
    return type !== undefined && typeof value === 'object' && value !== null && isValid(value, type);
  }

  // A throwing constraint is left to validateSync, which then reports it as class-validator does.
  return (object, type) => {
    try {
      return isValid(object, type);
    } catch {
      return false;
    }
  };
}

function isPromiseLike(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
