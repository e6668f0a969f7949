import { Module } from '@nestjs/common';
import { QueueModule } from '@app/queue';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { MetricsScraper } from './metrics-scraper';
import { QueueDepthCollector } from './queue-depth.collector';

@Module({
  imports: [QueueModule],
  controllers: [MetricsController],
  providers: [MetricsService, QueueDepthCollector, MetricsScraper],
  exports: [MetricsService],
})
export class MetricsModule {}
