import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import type { FieldError } from './error-code';
import { BadUserInputException } from './app.exception';

/** Flattens class-validator errors into `[{ field: 'input.email', messages }]`. */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const messages = Object.values(error.constraints ?? {});
    if (messages.length > 0) out.push({ field, messages });
    if (error.children && error.children.length > 0) out.push(...toFieldErrors(error.children, field));
  }
  return out;
}

/** Deeper input than this is refused before class-transformer and class-validator recurse into it. */
export const MAX_INPUT_DEPTH = 40;

/** How deep `value` nests (objects and arrays), counted without recursion; stops past `limit`. */
export function inputDepth(value: unknown, limit = MAX_INPUT_DEPTH): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [node, depth] = item;
    if (node === null || typeof node !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > limit) return deepest;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

class BoundedValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Only what class-transformer and class-validator will walk: not @Info(), not custom decorators' values.
    if (this.toValidate(metadata) && inputDepth(value) > MAX_INPUT_DEPTH) {
      throw BadUserInputException.field(metadata.data ?? 'input', `nests deeper than ${MAX_INPUT_DEPTH} levels`);
    }
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

/**
 * The global validation pipe: whitelist, refuse unknown fields, BAD_USER_INPUT
 * with field messages; input nested deeper than MAX_INPUT_DEPTH is refused first.
 */
export function createValidationPipe(): ValidationPipe {
  return new BoundedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors: ValidationError[]) => new BadUserInputException(toFieldErrors(errors)),
  });
}
