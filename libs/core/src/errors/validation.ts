import { ValidationPipe, type ValidationError } from '@nestjs/common';
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

/** The global validation pipe: whitelist, refuse unknown fields, BAD_USER_INPUT with field messages. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors: ValidationError[]) => new BadUserInputException(toFieldErrors(errors)),
  });
}
