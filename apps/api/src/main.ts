import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { exitGracefullyOnSignals, exitIfPortTaken, loadEnvOrExit } from '@app/core';
import { AppModule } from './app/app.module';
import { configureApp } from './app/configure-app';

async function bootstrap(): Promise<void> {
  const env = loadEnvOrExit();
  await exitIfPortTaken(env.HOST, env.PORT);
  const app = await NestFactory.create(AppModule.forRoot(env), { bufferLogs: true, bodyParser: false });
  configureApp(app, env);
  exitGracefullyOnSignals(app, { drainMs: env.SHUTDOWN_DRAIN_MS });
  await app.listen(env.PORT, env.HOST);
}

void bootstrap();
