import type { NextFunction, Request, Response } from 'express';
import type { MetricsService } from './metrics.service';

/** Paths with their own label; anything else is "other" (bounded label values). */
const KNOWN_PATHS = new Set(['/graphql', '/health', '/meta', '/metrics']);

function routeLabel(req: Request, status: number): string {
  const path = req.originalUrl.split('?')[0] ?? '';
  if (KNOWN_PATHS.has(path)) return path;
  if (path.startsWith('/graphiql/')) return '/graphiql';
  return status === 404 ? 'unmatched' : 'other';
}

/** Observes every HTTP request's latency by method, route and status. */
export function httpMetricsMiddleware(metrics: MetricsService) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const stop = metrics.httpDuration.startTimer();
    res.on('finish', () => {
      stop({ method: req.method, route: routeLabel(req, res.statusCode), status_code: String(res.statusCode) });
    });
    next();
  };
}
