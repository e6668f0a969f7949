import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LoggerOptions } from 'pino';
import type { Options as PinoHttpOptions } from 'pino-http';
import type { Env } from '../config/env.schema';
import { RequestContext } from '../context/request-context';

/**
 * Never logged: credentials, tokens and keys, wherever they appear in a log
 * object (top level, or one to three levels down, e.g. `input.password`).
 */
const SECRET_KEYS = [
  'password',
  'newPassword',
  'token',
  'accessToken',
  'refreshToken',
  'privateKey',
  'secret',
  'apiKey',
  'authorization',
  'cookie',
];
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  ...SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `*.*.*.${k}`]),
];

/** Base pino options shared by the API and the worker. */
export function pinoOptions(env: Env, app: string): LoggerOptions {
  return {
    level: env.LOG_LEVEL,
    base: { app },
    messageKey: 'msg',
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
    // Outside an HTTP request (worker jobs, event handlers) the request
    // context still knows which request caused the work.
    mixin: () => {
      const ctx = RequestContext.current();
      if (!ctx) return {};
      const out: Record<string, string> = { requestId: ctx.requestId };
      if (ctx.tenantId) out['tenantId'] = ctx.tenantId;
      if (ctx.userId) out['userId'] = ctx.userId;
      return out;
    },
    ...(env.LOG_PRETTY
      ? { transport: { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' } } }
      : {}),
  };
}

/** pino-http options: request start and end lines, with status and duration. */
export function pinoHttpOptions(env: Env, app: string): PinoHttpOptions {
  const base = pinoOptions(env, app);
  return {
    ...base,
    // The request id comes from RequestContext (requestContextMiddleware) and
    // the mixin adds it to every line; the start/end lines also name it
    // explicitly. (No child binding: it would print the key twice.)
    genReqId: (req: IncomingMessage) => req.requestId ?? RequestContext.requestIdFrom(undefined),
    customAttributeKeys: { responseTime: 'durationMs' },
    customReceivedObject: (req: IncomingMessage) => ({ requestId: req.id }),
    customSuccessObject: (req: IncomingMessage, _res: ServerResponse, value: object) => ({
      ...value,
      requestId: req.id,
    }),
    customErrorObject: (req: IncomingMessage, _res: ServerResponse, _err: Error, value: object) => ({
      ...value,
      requestId: req.id,
    }),
    customReceivedMessage: () => 'request started',
    customSuccessMessage: (_req: IncomingMessage, res: ServerResponse) => `request completed ${res.statusCode}`,
    customErrorMessage: (_req: IncomingMessage, res: ServerResponse) => `request failed ${res.statusCode}`,
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    serializers: {
      req: (req: { method?: string; url?: string; headers?: Record<string, string> }) => ({
        method: req.method,
        url: req.url,
        userAgent: req.headers?.['user-agent'],
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
    autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' || req.url === '/metrics' },
  };
}
