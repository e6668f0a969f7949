import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { exitGracefullyOnSignals, loadEnvOrExit } from '@app/core';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const env = loadEnvOrExit();
  // createApplicationContext initialises the modules and starts the consumers.
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(env), { bufferLogs: true });
  const logger = app.get(Logger);
  app.useLogger(logger);
  // On SIGTERM: the consumers stop taking jobs, active jobs finish (bounded), then exit.
  exitGracefullyOnSignals(app, { timeoutMs: 30_000 });
  logger.log('worker started', 'Worker');
}

void bootstrap();
