import { ArgumentsHost, Catch, HttpException, HttpStatus } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { ErrorCode, InjectEnv, type Env } from '@app/core';

/** fastify's JSON parser: a SyntaxError carrying the status it answers. */
const isJsonSyntaxError = (e: unknown): boolean =>
  e instanceof SyntaxError && (e as { statusCode?: unknown }).statusCode === HttpStatus.BAD_REQUEST;

/**
 * fastify's refusals of a `content-type: application/json` body that is
 * empty or not JSON (FST_ERR_CTP_EMPTY_JSON_BODY, FST_ERR_CTP_INVALID_JSON_BODY),
 * which Nest maps to a 400 HttpException with their message.
 */
const isBadJsonBody = (e: unknown): boolean =>
  e instanceof HttpException && e.getStatus() === 400 && /^Body (cannot be empty|is not valid JSON)/.test(e.message);

/**
 * A body the HTTP layer refused, in the GraphQL error shape: too large is
 * 413 GRAPHQL_VALIDATION_FAILED, not JSON is 400 GRAPHQL_PARSE_FAILED.
 * Every other HTTP error keeps Nest's own answer; in GraphQL, errors go on
 * to the error formatter untouched.
 */
@Catch(HttpException, SyntaxError)
export class BodyErrorFilter extends BaseExceptionFilter {
  constructor(@InjectEnv() private readonly env: Env) {
    super();
  }

  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'graphql') return exception;
    const refuse = (status: number, code: ErrorCode, message: string): void => {
      void host
        .switchToHttp()
        .getResponse<FastifyReply>()
        .status(status)
        .send({ errors: [{ message, extensions: { code } }] });
    };
    if (exception instanceof HttpException && exception.getStatus() === 413) {
      refuse(
        413,
        ErrorCode.GRAPHQL_VALIDATION_FAILED,
        `Request body is larger than ${this.env.HTTP_MAX_BODY_BYTES} bytes`,
      );
    } else if (isJsonSyntaxError(exception) || isBadJsonBody(exception)) {
      refuse(400, ErrorCode.GRAPHQL_PARSE_FAILED, 'Request body is not valid JSON');
    } else {
      super.catch(exception, host);
    }
    return undefined;
  }
}
