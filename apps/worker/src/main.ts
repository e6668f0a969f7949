import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { exitGracefullyOnSignals, loadEnvOrExit } from '@app/core';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const env = loadEnvOrExit();
  // createApplicationContext initialises the modules (connections, consumers).
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(env));
  exitGracefullyOnSignals(app);
  new Logger('Worker').log('worker started');
}

void bootstrap();
