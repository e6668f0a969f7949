import { createServer, type Server } from 'node:http';
import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { InjectEnv, type Env } from '@app/core';
import { MetricsService } from './metrics.service';
import { QueueDepthCollector } from './queue-depth.collector';

const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * The Prometheus text of the API, for GET /metrics on the API's port and,
 * when METRICS_PORT is set, on a port of its own bound to METRICS_HOST (an
 * internal address: the scrape needs no token there, the network is the
 * guard). In production without METRICS_TOKEN or METRICS_PORT nothing serves
 * metrics, and start-up says so.
 */
@Injectable()
export class MetricsScraper implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;

  constructor(
    private readonly metrics: MetricsService,
    private readonly queues: QueueDepthCollector,
    @InjectEnv() private readonly env: Env,
    @InjectPinoLogger(MetricsScraper.name) private readonly logger: PinoLogger,
  ) {}

  async scrape(): Promise<string> {
    await this.queues.collect();
    return this.metrics.registry.metrics();
  }

  async onApplicationBootstrap(): Promise<void> {
    const port = this.env.METRICS_PORT;
    if (port === undefined) {
      if (this.env.NODE_ENV === 'production' && !this.env.METRICS_TOKEN) {
        this.logger.warn('metrics are not served: set METRICS_TOKEN (Bearer on /metrics) or METRICS_PORT');
      }
      return;
    }
    const server = createServer((req, res) => {
      if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
        return;
      }
      this.scrape().then(
        (body) => {
          res.writeHead(200, { 'content-type': CONTENT_TYPE, 'cache-control': 'no-store' }).end(body);
        },
        (err: unknown) => {
          this.logger.error({ err }, 'metrics scrape failed');
          res.writeHead(500, { 'content-type': 'text/plain' }).end('Scrape failed\n');
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.env.METRICS_HOST, () => {
        resolve();
      });
    });
    this.server = server;
    this.logger.info({ port, host: this.env.METRICS_HOST }, 'metrics served on their own port');
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
  }
}
