/* eslint-disable @typescript-eslint/no-unsafe-function-type, @typescript-eslint/no-require-imports -- class-validator and class-transformer key their metadata by class constructors typed `Function`, and class-transformer's storage is reached by require; this file goes when inbound validation moves to a declarative schema (issue 9). */
/**
 * In-place replacement for class-transformer's `plainToInstance` on parsed JSON that passed
 * the structure guard. Instead of copying every object into a new class instance, the
 * parsed objects themselves get the DTO prototypes, which is all class-validator needs (it
 * finds a class's rules through `object.constructor`). It follows the same decorator
 * metadata as class-transformer: `@Type` gives the class of a nested object or of each
 * entry of a nested array, and `@Transform` functions (plain-to-class, no groups) are called
 * with the same arguments. Copying was about a third of a valid record's validation time,
 * and most of its garbage.
 *
 * Two steps, so the hot path can skip the second: `applyTransforms` (the @Transform
 * functions, in place) and `setPrototypes`. Together, on JSON the structure guard accepted
 * (no own `__proto__`, `constructor` or other Object.prototype keys, which class-transformer
 * would skip or misuse), they are `plainToInstance(type, json, { enableImplicitConversion:
 * false, exposeDefaultValues: false })` for everything class-validator can observe:
 *  - the same objects get the same prototypes (arrays stay arrays, nested arrays under a
 *    typed property are followed like class-transformer does, primitives and null are
 *    left alone);
 *  - untyped nested objects stay plain objects (class-transformer copies them as such);
 *  - no key is added: class-transformer's instances also own the declared fields (value
 *    `undefined`), which class-validator reads exactly like an absent key;
 *  - the transforms see values without their prototypes yet; the DTOs' only transform
 *    (rememberSiblings) records identities and does not care.
 * Decorators not implemented here (`@Expose`, `@Exclude`, discriminators, exclusion
 * strategies) make the plan throw when it is built rather than silently differ.
 *
 * `dehydrate` gives the objects back their plain prototype, so a validated event is the
 * same plain JSON as before.
 */
import { TransformationType } from 'class-transformer';
import type { TransformFnParams } from 'class-transformer';
import { getMetadataStorage } from 'class-validator';

// class-transformer does not export its metadata storage from the package root; this is
// the very instance its decorators write to (cjs/index.js requires ./storage).

const { defaultMetadataStorage: transformerMetadata } =
  require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');

export type DtoClass = Function & { prototype: object };
type TransformFn = (params: TransformFnParams) => unknown;

interface PropertyPlan {
  readonly key: string;
  /** `@Type` of the property: the class of the nested object, or of each array entry. */
  readonly type: DtoClass | undefined;
  /** `@Transform` functions (plain-to-class), in class-transformer's order. */
  readonly transforms: readonly TransformFn[];
}

interface ClassPlan {
  readonly prototype: object;
  readonly properties: readonly PropertyPlan[];
  /** Whether this class or a nested one has @Transform functions. */
  transformsBelow: boolean;
}

const plans = new Map<Function, ClassPlan>();

/** Options passed to @Transform functions, as class-transformer would (see TRANSFORM_OPTIONS of the parser). */
export interface HydrationOptions {
  readonly enableImplicitConversion: false;
  readonly exposeDefaultValues: false;
}

/**
 * The hydration plan of `type`: its properties (those class-validator has rules for; a
 * property without rules is a whitelist error and never validated below) that have a
 * `@Type` or a `@Transform`. Built once per class.
 */
function hydrationPlan(type: DtoClass): ClassPlan {
  let plan = plans.get(type);
  if (plan) return plan;
  if (transformerMetadata.getStrategy(type) !== 'none') throw new Error(`hydrate: ${type.name} has a class-transformer exclusion strategy`);
  if (transformerMetadata.getExposedMetadatas(type).length > 0 || transformerMetadata.getExcludedMetadatas(type).length > 0) {
    throw new Error(`hydrate: ${type.name} uses @Expose/@Exclude`);
  }
  const properties: PropertyPlan[] = [];
  const storage = getMetadataStorage();
  const names = Object.keys(storage.groupByPropertyName(storage.getTargetValidationMetadatas(type, '', false, false)));
  for (const key of names) {
    const typeMetadata = transformerMetadata.findTypeMetadata(type, key);
    if (typeMetadata?.options?.discriminator) throw new Error(`hydrate: ${type.name}.${key} uses a @Type discriminator`);
    const nested = typeMetadata ? (typeMetadata.typeFunction({ newObject: {}, object: {}, property: key }) as DtoClass) : undefined;
    const transforms = transformerMetadata
      .findTransformMetadatas(type, key, TransformationType.PLAIN_TO_CLASS)
      .filter((m) => !m.options || !m.options.groups || !m.options.groups.length)
      .map((m) => m.transformFn as TransformFn);
    if (nested || transforms.length > 0) properties.push({ key, type: nested, transforms });
  }
  // Registered before the nested plans (a class may contain itself), as having transforms
  // below until they are known: a cycle never prunes a subtree wrongly.
  plan = { prototype: type.prototype, properties, transformsBelow: true };
  plans.set(type, plan);
  plan.transformsBelow = properties.some((p) => p.transforms.length > 0 || (p.type !== undefined && hydrationPlan(p.type).transformsBelow));
  return plan;
}

const hasOwn = Object.prototype.hasOwnProperty;

/** The `@Type` class of `type`'s property `key` (undefined if none or not a validated property). */
export function nestedTypeOf(type: DtoClass, key: string): DtoClass | undefined {
  for (const property of hydrationPlan(type).properties) if (property.key === key) return property.type;
  return undefined;
}

/**
 * Applies the @Transform functions of `type` and its nested @Type classes to `value` in
 * place, in class-transformer's order (a property's nested objects before the property),
 * without touching prototypes. Subtrees without transforms are not visited.
 */
export function applyTransforms(value: unknown, type: DtoClass, options: HydrationOptions): void {
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) applyTransforms(value[i], type, options);
    return;
  }
  const plan = hydrationPlan(type);
  if (!plan.transformsBelow) return;
  const object = value as Record<string, unknown>;
  for (const property of plan.properties) {
    const key = property.key;
    if (!hasOwn.call(object, key)) continue;
    let sub = object[key];
    if (property.type) applyTransforms(sub, property.type, options);
    if (property.transforms.length === 0) continue;
    for (const transform of property.transforms) {
      sub = transform({ value: sub, key, obj: object, type: TransformationType.PLAIN_TO_CLASS, options });
    }
    if (sub === undefined) delete object[key];
    else object[key] = sub;
  }
}

/**
 * Gives `value` the prototype of `type`, and its nested objects those of their @Type
 * classes, in place; every object changed is appended to `hydrated`. Run after
 * `applyTransforms`: together they are `plainToInstance` (the DTOs' transforms do not
 * depend on the prototypes of the values they get; rememberSiblings only records identities).
 */
export function setPrototypes(value: unknown, type: DtoClass, hydrated: object[]): void {
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) setPrototypes(value[i], type, hydrated);
    return;
  }
  const plan = hydrationPlan(type);
  Object.setPrototypeOf(value, plan.prototype);
  hydrated.push(value);
  const object = value as Record<string, unknown>;
  for (const property of plan.properties) {
    if (property.type && hasOwn.call(object, property.key)) setPrototypes(object[property.key], property.type, hydrated);
  }
}

/** Undoes `setPrototypes`: the objects are plain JSON objects again. */
export function dehydrate(hydrated: readonly object[]): void {
  for (const object of hydrated) Object.setPrototypeOf(object, Object.prototype);
}
