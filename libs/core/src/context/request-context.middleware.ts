import type { NextFunction, Request, Response } from 'express';
import { REQUEST_ID_HEADER, RequestContext } from './request-context';

declare module 'http' {
  interface IncomingMessage {
    /** Set by requestContextMiddleware; pino-http uses it as `req.id`. */
    requestId?: string;
  }
}

/**
 * The first middleware of the API: takes a sane `x-request-id` or makes one,
 * echoes it on the response, and runs the rest of the request inside its
 * RequestContext.
 */
export function requestContextMiddleware(req: Request, res: Response, next: NextFunction): void {
  const requestId = RequestContext.requestIdFrom(req.headers[REQUEST_ID_HEADER]);
  req.requestId = requestId;
  res.setHeader(REQUEST_ID_HEADER, requestId);
  const userAgent = req.headers['user-agent'];
  RequestContext.run({ requestId, ip: req.ip, userAgent: typeof userAgent === 'string' ? userAgent : undefined }, next);
}
