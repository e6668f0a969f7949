import type { FastifyInstance } from 'fastify';
import type { MetricsService } from './metrics.service';

/** Paths with their own label; anything else is "other" (bounded label values). */
const KNOWN_PATHS = new Set(['/graphql', '/health', '/meta', '/metrics']);

function routeLabel(url: string, status: number): string {
  const path = url.split('?')[0] ?? '';
  if (KNOWN_PATHS.has(path)) return path;
  if (path.startsWith('/graphiql/')) return '/graphiql';
  return status === 404 ? 'unmatched' : 'other';
}

/** Observes every HTTP request's latency by method, route and status. */
export function installHttpMetrics(fastify: FastifyInstance, metrics: MetricsService): void {
  fastify.addHook('onResponse', (req, reply, done) => {
    metrics.httpDuration.observe(
      { method: req.method, route: routeLabel(req.url, reply.statusCode), status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
}
