import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * helmet's headers for `options`, as its own middleware writes them (CSP, HSTS,
 * nosniff, frame options, …; X-Powered-By removed). With static options they
 * depend on nothing in the request, so helmet runs once, here.
 */
export function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const csp = options.contentSecurityPolicy;
  const directives = typeof csp === 'object' ? Object.values(csp.directives ?? {}) : [];
  if (directives.some((d) => typeof d === 'function' || (Array.isArray(d) && d.some((v) => typeof v === 'function')))) {
    throw new Error('a CSP directive computed per request (a nonce) cannot be sent as a fixed header');
  }
  const headers = new Map<string, string>();
  const response = {
    setHeader(name: string, value: string | number | readonly string[]): void {
      headers.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value));
    },
    removeHeader(name: string): void {
      headers.delete(name.toLowerCase());
    },
  };
  const state = { finished: false };
  // helmet 8 throws a bad option itself; `next` only says it is done.
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, () => {
    state.finished = true;
  });
  if (!state.finished) throw new Error('helmet did not finish synchronously: its options need the request');
  return Object.fromEntries(headers);
}

/**
 * Sets helmet's headers on every answer (an `onRequest` hook: refusals and
 * 404s included). Instead of @fastify/helmet, which builds helmet's whole
 * middleware again — CSP directives parsed — for every request (ADR 014).
 */
export function installSecurityHeaders(fastify: FastifyInstance, options: HelmetOptions): void {
  const headers = helmetHeaders(options);
  fastify.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(headers);
    done();
  });
}
