import { applyDecorators } from '@nestjs/common';
import { IsDefined, ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';

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

/** Is `value` a finite number with at most `decimals` decimal places (whatever its notation: 3e-323 is not)? */
export function hasAtMostDecimals(value: unknown, decimals: number): boolean {
  return typeof value === 'number' && Number.isFinite(value) && Number(value.toFixed(decimals)) === value;
}

/**
 * A finite number with at most `decimals` decimal places. class-validator's
 * `IsNumber({ maxDecimalPlaces })` reads the decimals off `toString()` and
 * throws on exponent notation (a denormal price answered INTERNAL_SERVER_ERROR:
 * found by the fuzz tests).
 */
export function IsDecimal(decimals: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDecimal',
      constraints: [decimals],
      validator: {
        validate: (value: unknown) => hasAtMostDecimals(value, decimals),
        defaultMessage: () => `must be a number with at most ${decimals} decimals`,
      },
    },
    options,
  );
}
