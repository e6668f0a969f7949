import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { exitGracefullyOnSignals, loadEnvOrExit } from '@app/core';
import { AppModule } from './app/app.module';
import { configureApp } from './app/configure-app';

async function bootstrap(): Promise<void> {
  const env = loadEnvOrExit();
  const app = await NestFactory.create(AppModule.forRoot(env), { bufferLogs: true, bodyParser: false });
  configureApp(app, env);
  exitGracefullyOnSignals(app, { drainMs: env.SHUTDOWN_DRAIN_MS });
  await app.listen(env.PORT, env.HOST);
}

void bootstrap();
