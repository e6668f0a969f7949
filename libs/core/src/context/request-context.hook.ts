import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { REQUEST_ID_HEADER, RequestContext, type RequestContextData } from './request-context';

declare module 'http' {
  interface IncomingMessage {
    /** Set by the request-context hook; pino-http uses it as `req.id`. */
    requestId?: string;
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** This request's RequestContext (the hooks re-enter it after the body is read). */
    context$?: RequestContextData;
  }
}

/**
 * fastify's `genReqId`: a sane `x-request-id` or a new UUID. Its request id
 * is then ours, so that fastify's, middie's and pino-http's logs all name the
 * one the client sees.
 */
export const requestIdOf = (req: { headers: IncomingMessage['headers'] }): string =>
  RequestContext.requestIdFrom(req.headers[REQUEST_ID_HEADER]);

function enter(req: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
  const data = req.context$;
  if (data) RequestContext.run(data, done);
  else done();
}

/**
 * The first hook of the API (with `genReqId: requestIdOf`): the request's id,
 * echoed on the response, and runs the rest of the request inside its
 * RequestContext. The body arrives on the socket's own events, outside that
 * context, so the context is entered again once it is read (preValidation)
 * for the handler and everything it awaits.
 */
export function installRequestContext(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (req, reply, done) => {
    const requestId = req.id;
    req.raw.requestId = requestId;
    void reply.header(REQUEST_ID_HEADER, requestId);
    const userAgent = req.headers['user-agent'];
    req.context$ = { requestId, ip: req.ip, userAgent: typeof userAgent === 'string' ? userAgent : undefined };
    RequestContext.run(req.context$, done);
  });
  fastify.addHook('preValidation', enter);
}
