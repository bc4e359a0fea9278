/* eslint-disable @typescript-eslint/no-unsafe-function-type -- class-validator and class-transformer key their metadata by class constructors typed `Function`; this file goes when inbound validation moves to a declarative schema (issue 9). */
/**
 * class-validator resolves a class's rules on every validate call, for every nested object:
 * it scans every registered class for ancestors and regroups the rules by property
 * (typestack/class-validator#2686). That was about half of validateSync's time for a
 * Declaration. A class's rules are complete once the class is defined, so for the DTO
 * classes registered here the lookups are memoised. Other classes in the process (e.g. a
 * Nest ValidationPipe's DTOs) go through the original, uncached code.
 */
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

type Lookup = (
  targetConstructor: Function,
  targetSchema: string,
  always: boolean,
  strictGroups: boolean,
  groups?: string[],
) => ValidationMetadata[];
type Grouping = (metadata: ValidationMetadata[]) => Record<string, ValidationMetadata[]>;

const cachedClasses = new WeakSet<Function>();
const lookups = new WeakMap<Function, Map<string, ValidationMetadata[]>>();
const groupings = new WeakMap<ValidationMetadata[], Record<string, ValidationMetadata[]>>();
let installed = false;

/** Memoise class-validator's metadata lookups for these (fully decorated) classes. */
export function cacheValidationMetadata(classes: Function[]): void {
  for (const c of classes) cachedClasses.add(c);
  if (installed) return;
  installed = true;

  const storage = getMetadataStorage() as unknown as {
    getTargetValidationMetadatas: Lookup;
    groupByPropertyName: Grouping;
  };
  const lookup = storage.getTargetValidationMetadatas.bind(storage) as Lookup;
  const group = storage.groupByPropertyName.bind(storage) as Grouping;

  storage.getTargetValidationMetadatas = (targetConstructor, targetSchema, always, strictGroups, groups) => {
    if (!cachedClasses.has(targetConstructor)) return lookup(targetConstructor, targetSchema, always, strictGroups, groups);
    const key = `${targetSchema}|${always}|${strictGroups}|${groups ? groups.join(',') : ''}`;
    let perClass = lookups.get(targetConstructor);
    if (!perClass) lookups.set(targetConstructor, (perClass = new Map()));
    let result = perClass.get(key);
    if (!result) perClass.set(key, (result = lookup(targetConstructor, targetSchema, always, strictGroups, groups)));
    return result;
  };
  storage.groupByPropertyName = (metadata) => {
    const cached = groupings.get(metadata);
    if (cached) return cached;
    // Keyed by array identity: cached lookups return the same array every time; an
    // uncached lookup's fresh array is never seen again and its entry is collected with it.
    const result = group(metadata);
    groupings.set(metadata, result);
    return result;
  };
}
