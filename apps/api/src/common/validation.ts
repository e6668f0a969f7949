import { applyDecorators } from '@nestjs/common';
import { IsDefined, ValidateIf } from 'class-validator';

/** `@Transform(trim)`: surrounding whitespace is not part of a name. */
export const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

/**
 * For the fields of an update input: left out means "leave as is", `null` is
 * refused ("must not be null", BAD_USER_INPUT) instead of reaching a NOT NULL
 * column. `@IsOptional()` would let `null` through.
 */
export function OptionalNotNull(): PropertyDecorator {
  return applyDecorators(
    ValidateIf((_object: object, value: unknown) => value !== undefined),
    IsDefined({ message: 'must not be null' }),
  );
}
