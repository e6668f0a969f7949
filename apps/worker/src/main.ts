import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { exitGracefullyOnSignals, loadEnvOrExit } from '@app/core';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const env = loadEnvOrExit();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(env));
  exitGracefullyOnSignals(app);
  await app.init();
}

void bootstrap();
