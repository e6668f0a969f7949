import { Controller, Get, Header } from '@nestjs/common';
import { Public } from '../../common/auth.decorators';
import { QueueDepthCollector } from './queue-depth.collector';
import { MetricsService } from './metrics.service';

@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly queues: QueueDepthCollector,
  ) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async scrape(): Promise<string> {
    await this.queues.collect();
    return this.metrics.registry.metrics();
  }
}
