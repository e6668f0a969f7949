import { Controller, Get, Header, Headers, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { InjectEnv, NotFoundException, UnauthenticatedException, type Env } from '@app/core';
import { Public } from '../../common/auth.decorators';
import { metricsAccess } from './metrics-access';
import { MetricsScraper } from './metrics-scraper';

@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly scraper: MetricsScraper,
    @InjectEnv() private readonly env: Env,
  ) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<string> {
    const access = metricsAccess(this.env, authorization);
    if (access === 'unauthorized') {
      void res.header('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new UnauthenticatedException('Metrics need Authorization: Bearer <METRICS_TOKEN>');
    }
    // Production without METRICS_TOKEN: only METRICS_PORT serves them.
    if (access === 'not-here') throw new NotFoundException('Metrics on this port');
    return this.scraper.scrape();
  }
}
