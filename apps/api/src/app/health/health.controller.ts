import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { Public } from '../../common/auth.decorators';
import {
  HealthCheck,
  HealthCheckService,
  TypeOrmHealthIndicator,
  HealthIndicatorService,
  type HealthCheckResult,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import type Redis from 'ioredis';
import { InjectRedis, shutdownState } from '@app/core';

const TIMEOUT_MS = 2000;

/**
 * GET /health: 200 when PostgreSQL and Redis answer, 503 naming the one that
 * does not; 503 `shutting down` from the moment a shutdown signal arrives.
 */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @InjectRedis() private readonly redis: Redis,
  ) {}

  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    if (shutdownState.draining) throw new ServiceUnavailableException({ status: 'shutting down' });
    return this.health.check([() => this.db.pingCheck('database', { timeout: TIMEOUT_MS }), () => this.redisCheck()]);
  }

  private async redisCheck(): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check('redis');
    try {
      await Promise.race([
        this.redis.ping(),
        new Promise((_, reject) => {
          setTimeout(() => {
            reject(new Error('timeout'));
          }, TIMEOUT_MS).unref();
        }),
      ]);
      return indicator.up();
    } catch (err) {
      return indicator.down({ message: err instanceof Error ? err.message : 'unreachable' });
    }
  }
}
