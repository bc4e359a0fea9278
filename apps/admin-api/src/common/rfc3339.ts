import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isRfc3339DateTime } from '@app/contract';

/** An RFC 3339 date-time with an offset (e.g. `2026-04-07T08:00:00Z`), as the contract writes times. */
export function IsRfc3339DateTime(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isRfc3339DateTime',
      validator: {
        validate: (value: unknown) => isRfc3339DateTime(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be an RFC 3339 date-time with an offset, e.g. 2026-04-07T08:00:00Z`,
      },
    },
    options,
  );
}
