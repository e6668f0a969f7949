import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { AppException } from './app.exception';
import { ErrorCode } from './error-code';

const STATUS: Record<ErrorCode, number> = {
  [ErrorCode.UNAUTHENTICATED]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.FORBIDDEN]: HttpStatus.FORBIDDEN,
  [ErrorCode.BAD_USER_INPUT]: HttpStatus.BAD_REQUEST,
  [ErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.CONFLICT]: HttpStatus.CONFLICT,
  [ErrorCode.TOO_MANY_REQUESTS]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.GRAPHQL_VALIDATION_FAILED]: HttpStatus.BAD_REQUEST,
  [ErrorCode.GRAPHQL_PARSE_FAILED]: HttpStatus.BAD_REQUEST,
  [ErrorCode.INTERNAL_SERVER_ERROR]: HttpStatus.INTERNAL_SERVER_ERROR,
};

/**
 * Expected errors (an AppException: a user-facing code and message) go to the
 * client unlogged as errors: in GraphQL the error formatter shapes them; over
 * plain HTTP they become `{ code, message }` with the matching status.
 * Unknown errors are not caught here: the formatter logs them with their stack.
 */
@Catch(AppException)
export class AppExceptionFilter implements ExceptionFilter {
  catch(exception: AppException, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'graphql') return exception;
    const res = host.switchToHttp().getResponse<Response>();
    if (exception.retryAfter !== undefined) res.setHeader('Retry-After', String(exception.retryAfter));
    res.status(STATUS[exception.code]).json({
      code: exception.code,
      message: exception.message,
      ...(exception.fields ? { fields: exception.fields } : {}),
    });
    return undefined;
  }
}
