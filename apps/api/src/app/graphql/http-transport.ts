import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import type {} from 'mercurius';
import { ErrorCode, type Env } from '@app/core';
import type { IdempotencyDecision, IdempotencyGate } from '../idempotency/idempotency.gate';
import type { OperationTimer } from '../metrics/graphql-metrics';
import { refuse } from './operation-guard';
import type { GraphQLPipeline, OperationRequest, Transport } from './pipeline';

/** What the HTTP transport needs besides the pipeline. */
export interface HttpTransportOptions {
  env: Env;
  path: string;
  pipeline: GraphQLPipeline;
  formatErrors: (errors: readonly GraphQLError[]) => GraphQLFormattedError[];
  idempotency?: IdempotencyGate;
  timer?: () => OperationTimer;
}

/** Headers a browser only sends after a CORS preflight: with one, a simple request is no forgery. */
const PREFLIGHT_HEADERS = ['x-apollo-operation-name', 'apollo-require-preflight'];
/** Content types a form or a script may send cross-site without a preflight. */
const SIMPLE_TYPES = new Set(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']);

const CSRF_MESSAGE =
  'This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). ' +
  "Please either specify a 'content-type' header (with a type that is not one of " +
  'application/x-www-form-urlencoded, multipart/form-data, text/plain) or provide a non-empty value ' +
  `for one of the following headers: ${PREFLIGHT_HEADERS.join(', ')}`;

/**
 * CSRF prevention, the rule Apollo Server applies: every request (GET
 * included) has a content type a browser would preflight, or a header that
 * only comes after a preflight. A cross-site form or image cannot send either.
 */
export function isCsrfSafe(headers: FastifyRequest['headers']): boolean {
  const type = headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (type && !SIMPLE_TYPES.has(type)) return true;
  return PREFLIGHT_HEADERS.some((name) => {
    const value = headers[name];
    return typeof value === 'string' && value !== '';
  });
}

/**
 * graphql-js's (or graphql-jit's, on the request that compiles a document)
 * refusal of the variables: no data and no path (a resolver's error always
 * has one). Such an error may wrap the scalar's own, e.g. "Float cannot
 * represent non numeric value" (found by the fuzz tests).
 */
const isRequestError = (result: ExecutionResult): boolean =>
  result.data == null && (result.errors ?? []).every((e) => e.path === undefined);

const badInput = (error: GraphQLError): GraphQLError =>
  new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: ErrorCode.BAD_USER_INPUT } });

/** Mercurius reports the variables it refuses as one error holding graphql-js's. */
function refusedVariables(error: unknown): GraphQLError[] | null {
  const inner = (error as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(inner) || !inner.every((e) => e instanceof GraphQLError)) return null;
  return inner.map(badInput);
}

/**
 * GraphQL over HTTP on `path`, GET and POST (ADR 014): CSRF prevention, one
 * operation per request (no batching), the pipeline's checks, idempotency
 * keys on mutations, then Mercurius executes (graphql-jit once a document is
 * seen twice). Every answer is formatted by the one error formatter.
 */
export function httpTransport(fastify: FastifyInstance, options: HttpTransportOptions, done: () => void): void {
  const { env, pipeline, formatErrors, idempotency } = options;

  const answer = (
    reply: FastifyReply,
    status: number,
    body: { data?: unknown; errors?: GraphQLFormattedError[] },
  ): FastifyReply => reply.code(status).type('application/json; charset=utf-8').send(body);

  const refusal = (reply: FastifyReply, status: number, errors: readonly GraphQLError[]): FastifyReply =>
    answer(reply, status, { errors: formatErrors(errors) });

  async function handle(
    request: FastifyRequest,
    reply: FastifyReply,
    transport: Transport,
    params: OperationRequest,
  ): Promise<FastifyReply> {
    const done = options.timer?.();
    const report = (name: string | undefined, type: string | undefined, errors: readonly GraphQLFormattedError[]) =>
      done?.(name, type, errors);

    if (!isCsrfSafe(request.headers)) {
      const errors = formatErrors([refuse(CSRF_MESSAGE, ErrorCode.BAD_USER_INPUT)]);
      report(undefined, undefined, errors);
      return answer(reply, 400, { errors });
    }
    const cleared = pipeline.clear(params, transport);
    if ('errors' in cleared) {
      const errors = formatErrors(cleared.errors);
      report(typeof params.operationName === 'string' ? params.operationName : undefined, undefined, errors);
      return answer(reply, cleared.status, { errors });
    }
    const type = cleared.operation.operation;
    const name = cleared.operationName ?? cleared.operation.name?.value;

    const decision: IdempotencyDecision = idempotency
      ? await idempotency.before(pipeline.schema, cleared, request.headers)
      : { kind: 'run' };
    if (decision.kind === 'answer') {
      if (decision.replayed) void reply.header('idempotent-replayed', 'true');
      const errors = (decision.body['errors'] ?? []) as GraphQLFormattedError[];
      report(name, type, errors);
      return answer(reply, 200, decision.body);
    }

    let status = 200;
    let body: { data?: unknown; errors?: GraphQLFormattedError[] };
    try {
      const result = await fastify.graphql(
        cleared.source,
        { req: request, res: reply },
        cleared.variables,
        cleared.operationName,
      );
      if (result.errors && result.errors.length > 0) {
        if (isRequestError(result)) {
          status = 400;
          body = { errors: formatErrors(result.errors.map(badInput)) };
        } else {
          body = { data: result.data, errors: formatErrors(result.errors) };
        }
      } else {
        body = { data: result.data };
      }
    } catch (error) {
      const variables = refusedVariables(error);
      status = variables ? 400 : 500;
      body = {
        errors: formatErrors(
          variables ?? [new GraphQLError('Internal server error', { originalError: error as Error })],
        ),
      };
    }
    // A dependency outage: 503 with Retry-After, so that a client (and a proxy) can tell "retry" from "bug".
    const outage = body.errors?.find((e) => e.extensions?.['code'] === ErrorCode.SERVICE_UNAVAILABLE);
    if (outage && status !== 400) {
      status = 503;
      const retryAfter = outage.extensions?.['retryAfter'];
      void reply.header('retry-after', String(typeof retryAfter === 'number' ? retryAfter : 1));
    }
    if (decision.claim && idempotency) await idempotency.finish(decision.claim, { ...body });
    report(name, type, body.errors ?? []);
    return answer(reply, status, body);
  }

  // Body refusals in the GraphQL error shape, before any of the above runs.
  fastify.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.statusCode === 413) {
      return refusal(reply, 413, [
        refuse(`Request body is larger than ${env.HTTP_MAX_BODY_BYTES} bytes`, ErrorCode.GRAPHQL_VALIDATION_FAILED),
      ]);
    }
    if (error.statusCode === 415) {
      return refusal(reply, 415, [
        refuse(
          `Content-Type ${request.headers['content-type'] ?? '(none)'} is not supported: send application/json`,
          ErrorCode.BAD_USER_INPUT,
        ),
      ]);
    }
    if (error.statusCode === 400 && /^FST_ERR_CTP_/.test(error.code)) {
      return refusal(reply, 400, [refuse('Request body is not valid JSON', ErrorCode.GRAPHQL_PARSE_FAILED)]);
    }
    return refusal(reply, 500, [new GraphQLError('Internal server error', { originalError: error })]);
  });

  fastify.get(options.path, (request, reply) => {
    const query = request.query as Record<string, unknown>;
    let variables: unknown = undefined;
    if (typeof query['variables'] === 'string' && query['variables'] !== '') {
      try {
        variables = JSON.parse(query['variables']);
      } catch {
        return refusal(reply, 400, [refuse('`variables` in the query string must be JSON', ErrorCode.BAD_USER_INPUT)]);
      }
    }
    return handle(request, reply, 'get', { query: query['query'], variables, operationName: query['operationName'] });
  });

  fastify.post(options.path, (request, reply) => {
    const body: unknown = request.body;
    if (Array.isArray(body)) {
      return refusal(reply, 400, [
        refuse('Operation batching is not supported: send one operation per request', ErrorCode.BAD_USER_INPUT),
      ]);
    }
    if (body === null || typeof body !== 'object') {
      return refusal(reply, 400, [
        refuse('The request body must be a JSON object with a `query`', ErrorCode.GRAPHQL_PARSE_FAILED),
      ]);
    }
    return handle(request, reply, 'post', body);
  });
  done();
}
