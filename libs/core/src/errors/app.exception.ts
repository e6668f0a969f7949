import { ErrorCode, type FieldError } from './error-code';

export interface AppExceptionOptions {
  fields?: FieldError[];
  /** Seconds until a rate-limited caller may try again. */
  retryAfter?: number;
  cause?: unknown;
}

/**
 * The base of every error a user may see: a stable contract code and a
 * message written for the user. Feature modules extend it with their own
 * classes (`ProductNotFoundException`, …); the GraphQL error formatter turns
 * it into `{ message, extensions: { code, fields?, retryAfter? } }`.
 */
export class AppException extends Error {
  readonly fields?: FieldError[];
  readonly retryAfter?: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: AppExceptionOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.fields = options.fields;
    this.retryAfter = options.retryAfter;
  }
}

export class UnauthenticatedException extends AppException {
  constructor(message = 'Authentication required') {
    super(ErrorCode.UNAUTHENTICATED, message);
  }
}

export class ForbiddenException extends AppException {
  constructor(message = 'You are not allowed to do this') {
    super(ErrorCode.FORBIDDEN, message);
  }
}

export class NotFoundException extends AppException {
  constructor(what = 'Resource') {
    super(ErrorCode.NOT_FOUND, `${what} not found`);
  }
}

export class ConflictException extends AppException {
  constructor(message: string) {
    super(ErrorCode.CONFLICT, message);
  }
}

export class BadUserInputException extends AppException {
  constructor(fields: FieldError[], message = 'Invalid input') {
    super(ErrorCode.BAD_USER_INPUT, message, { fields });
  }

  static field(field: string, message: string): BadUserInputException {
    return new BadUserInputException([{ field, messages: [message] }]);
  }
}

export class TooManyRequestsException extends AppException {
  constructor(retryAfter: number) {
    super(ErrorCode.TOO_MANY_REQUESTS, `Too many requests; try again in ${retryAfter} s`, { retryAfter });
  }
}

/** Seconds a client should wait before retrying an operation a dependency outage failed. */
export const OUTAGE_RETRY_AFTER_SECONDS = 1;

export class ServiceUnavailableException extends AppException {
  constructor(retryAfter = OUTAGE_RETRY_AFTER_SECONDS) {
    super(
      ErrorCode.SERVICE_UNAVAILABLE,
      `A service this operation needs is unavailable; try again in ${retryAfter} s`,
      { retryAfter },
    );
  }
}
