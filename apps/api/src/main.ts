import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { exitGracefullyOnSignals, exitIfPortTaken, loadEnvOrExit } from '@app/core';
import { AppModule } from './app/app.module';
import { configureApp, fastifyOptions } from './app/configure-app';

async function bootstrap(): Promise<void> {
  const env = loadEnvOrExit();
  await exitIfPortTaken(env.HOST, env.PORT);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(env),
    new FastifyAdapter(fastifyOptions(env)),
    { bufferLogs: true, bodyParser: false },
  );
  await configureApp(app, env);
  exitGracefullyOnSignals(app, { drainMs: env.SHUTDOWN_DRAIN_MS });
  await app.listen(env.PORT, env.HOST);
}

void bootstrap();
