import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AppException } from './app.exception';
import { HTTP_STATUS_OF_CODE } from './error-code';

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
    const res = host.switchToHttp().getResponse<FastifyReply>();
    if (exception.retryAfter !== undefined) void res.header('Retry-After', String(exception.retryAfter));
    // JSON whatever the handler had set (a text/plain endpoint's own header, say).
    void res
      .status(HTTP_STATUS_OF_CODE[exception.code])
      .type('application/json; charset=utf-8')
      .send({
        code: exception.code,
        message: exception.message,
        ...(exception.fields ? { fields: exception.fields } : {}),
      });
    return undefined;
  }
}
