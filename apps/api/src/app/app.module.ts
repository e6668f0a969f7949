import { Module, type DynamicModule } from '@nestjs/common';
import type { Env } from '@app/core';
import { HealthModule } from './health/health.module';

@Module({})
export class AppModule {
  static forRoot(env: Env): DynamicModule {
    return { module: AppModule, imports: [HealthModule.forRoot(env)] };
  }
}
