import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { GraphQLError, subscribe, type ExecutionArgs, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { ErrorCode, RequestContext, TooManyRequestsException, type Env, type RequestContextData } from '@app/core';
import type { OperationTimer } from '../metrics/graphql-metrics';
import type { RateVerdict } from '../rate-limit/request-rate-limiter';
import { refuse } from './operation-guard';
import type { GraphQLPipeline } from './pipeline';
import type { Subscriber } from './subscription-auth';

/** A frame larger than this closes the socket with 1009 (the contract's "WebSocket" section). */
export const WS_MAX_PAYLOAD_BYTES = 64 * 1024;
/** A socket that has not sent `connection_init` by then is closed with 4408. */
export const WS_INIT_TIMEOUT_MS = 3000;
/** Close codes of our own caps (RFC 6455): policy violation, try again later. */
export const CLOSE_TOO_MANY_SOCKETS = 1008;
export const CLOSE_TRY_AGAIN_LATER = 1013;

export interface WsTransportOptions {
  env: Env;
  path: string;
  pipeline: GraphQLPipeline;
  formatErrors: (errors: readonly GraphQLError[]) => GraphQLFormattedError[];
  subscriber: (authorization: unknown) => Promise<Subscriber | null>;
  limiter?: { consume(subject: string): Promise<RateVerdict> };
  timer?: () => OperationTimer;
}

/** What a socket carries from `connection_init` on. */
interface SocketState {
  subscriber?: Subscriber;
  authorization?: unknown;
  counted?: boolean;
}

/**
 * `authorization` of a graphql-ws connection_init payload, whatever its case:
 * GraphiQL sends its headers editor's `Authorization` as it is typed.
 */
export function authorizationParam(params: Readonly<Record<string, unknown>> | undefined): unknown {
  if (!params) return undefined;
  const key = Object.keys(params).find((k) => k.toLowerCase() === 'authorization');
  return key === undefined ? undefined : params[key];
}

/** `/graphql`, whatever the case, with or without a trailing slash and a query string (as over HTTP). */
function servesPath(url: string | undefined, path: string): boolean {
  const pathname = (url ?? '').split('?')[0]?.replace(/\/+$/, '').toLowerCase();
  return pathname === path.toLowerCase();
}

/** Every step of a subscription's events runs in its request context (logs, the database scope). */
function inContext<T>(store: RequestContextData, source: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  const generator: AsyncGenerator<T> = {
    next: () => RequestContext.run(store, () => iterator.next()),
    return: (value?: unknown) =>
      RequestContext.run(store, () =>
        iterator.return ? iterator.return(value) : Promise.resolve({ done: true, value: undefined as T }),
      ),
    throw: (error?: unknown) =>
      RequestContext.run(store, () => (iterator.throw ? iterator.throw(error) : Promise.reject(error as Error))),
    [Symbol.asyncIterator]: () => generator,
    [Symbol.asyncDispose]: async () => {
      await generator.return(undefined);
    },
  };
  return generator;
}

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> =>
  typeof value === 'object' && value !== null && Symbol.asyncIterator in value;

/**
 * graphql-ws (the `graphql-transport-ws` protocol) on `path`, through the
 * same pipeline as HTTP (ADR 014): authenticated at `connection_init`
 * (4403 otherwise, 4408 when it does not come within 3 s), frames capped at
 * 64 KiB (1009), sockets per user and subscriptions per socket capped, each
 * subscription counted by the request rate limit, run in a request context
 * of its own, its errors formatted like HTTP's. Queries and mutations are
 * refused here: they are served over HTTP.
 */
export function wsTransport(fastify: FastifyInstance, options: WsTransportOptions): void {
  const { env, pipeline, formatErrors } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_PAYLOAD_BYTES });
  const openSockets = new Map<string, number>();
  const contexts = new WeakMap<object, RequestContextData>();

  const release = (state: SocketState): void => {
    if (!state.counted || !state.subscriber) return;
    state.counted = false;
    const left = (openSockets.get(state.subscriber.userId) ?? 1) - 1;
    if (left > 0) openSockets.set(state.subscriber.userId, left);
    else openSockets.delete(state.subscriber.userId);
  };

  const server = useServer<Record<string, unknown> | undefined, { state: SocketState }>(
    {
      schema: pipeline.schema,
      connectionInitWaitTimeout: WS_INIT_TIMEOUT_MS,
      onConnect: async (ctx) => {
        const state: SocketState = {};
        (ctx.extra as Extra & { state: SocketState }).state = state;
        const authorization = authorizationParam(ctx.connectionParams);
        const subscriber = await options.subscriber(authorization);
        if (!subscriber) return false;
        const open = openSockets.get(subscriber.userId) ?? 0;
        if (open >= env.WS_MAX_SOCKETS_PER_USER) {
          ctx.extra.socket.close(
            CLOSE_TOO_MANY_SOCKETS,
            `Too many open sockets for this user (limit ${env.WS_MAX_SOCKETS_PER_USER})`,
          );
          return false;
        }
        const verdict = await options.limiter?.consume(`user:${subscriber.userId}`);
        if (verdict && !verdict.allowed) {
          ctx.extra.socket.close(CLOSE_TRY_AGAIN_LATER, `Too many requests: try again in ${verdict.retryAfter} s`);
          return false;
        }
        openSockets.set(subscriber.userId, open + 1);
        Object.assign(state, { subscriber, authorization, counted: true });
        // As soon as the socket closes, whatever its subscriptions still wait for.
        ctx.extra.socket.once('close', () => {
          release(state);
        });
        return true;
      },
      onClose: (ctx) => {
        const state = (ctx.extra as Partial<{ state: SocketState }>).state;
        if (state) release(state);
      },
      onSubscribe: async (ctx, _id, payload) => {
        const done = options.timer?.();
        const fail = (errors: GraphQLError[]): GraphQLError[] => {
          done?.(payload.operationName ?? undefined, undefined, formatErrors(errors));
          return errors;
        };
        const state = ctx.extra.state ?? {};
        // graphql-ws counts this subscription in before asking.
        if (Object.keys(ctx.subscriptions).length > env.WS_MAX_SUBSCRIPTIONS_PER_SOCKET) {
          return fail([
            refuse(
              `Too many subscriptions on this socket (limit ${env.WS_MAX_SUBSCRIPTIONS_PER_SOCKET}): complete one first`,
              ErrorCode.TOO_MANY_REQUESTS,
            ),
          ]);
        }
        if (state.subscriber && options.limiter) {
          const verdict = await options.limiter.consume(`user:${state.subscriber.userId}`);
          if (!verdict.allowed) {
            return fail([
              new GraphQLError('Too many requests', {
                originalError: new TooManyRequestsException(verdict.retryAfter),
              }),
            ]);
          }
        }
        const cleared = pipeline.clear(payload, 'ws');
        if ('errors' in cleared) return fail(cleared.errors);
        const request = ctx.extra.request;
        const userAgent = request.headers['user-agent'];
        const store: RequestContextData = {
          requestId: randomUUID(),
          ip: request.socket.remoteAddress,
          userAgent: typeof userAgent === 'string' ? userAgent : undefined,
        };
        const contextValue = {
          req: { headers: { authorization: state.authorization }, ip: store.ip, subscription: true },
          app: fastify,
        };
        contexts.set(contextValue, store);
        done?.(cleared.operationName ?? cleared.operation.name?.value, cleared.operation.operation, []);
        return {
          schema: pipeline.schema,
          document: cleared.document,
          operationName: cleared.operationName,
          variableValues: cleared.variables,
          contextValue,
          rootValue: {},
        } satisfies ExecutionArgs;
      },
      subscribe: async (args) => {
        const store = contexts.get(args.contextValue as object) ?? { requestId: randomUUID() };
        const result = await RequestContext.run(store, () => subscribe(args));
        return isAsyncIterable(result) ? inContext(store, result) : result;
      },
      onNext: (_ctx, _id, _payload, args, result: ExecutionResult) => {
        if (!result.errors || result.errors.length === 0) return undefined;
        const store = contexts.get(args.contextValue as object) ?? { requestId: randomUUID() };
        return RequestContext.run(store, () => ({ ...result, errors: formatErrors(result.errors ?? []) }));
      },
      onError: (_ctx, _id, _payload, errors) => formatErrors(errors),
    },
    wss,
  );

  fastify.server.on('upgrade', (request, socket, head) => {
    if (!servesPath(request.url, options.path)) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });

  // Before the HTTP server closes: open sockets would hold it (1001 Going Away).
  let disposed = false;
  fastify.addHook('preClose', async () => {
    if (disposed) return;
    disposed = true;
    await server.dispose();
  });
}
