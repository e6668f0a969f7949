import { Inject, Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import type { Env } from './env.schema';

export const APP_ENV = Symbol('APP_ENV');

/** Injects the validated, typed configuration: `constructor(@InjectEnv() env: Env)`. */
export const InjectEnv = (): ParameterDecorator => Inject(APP_ENV);

/**
 * Makes the configuration validated at start-up (loadEnvOrExit) available to
 * every module, as the typed `Env` object and through @nestjs/config's
 * `ConfigService<Env, true>`. Nothing else reads process.env.
 */
@Module({})
export class CoreConfigModule {
  static forRoot(env: Env): DynamicModule {
    return {
      module: CoreConfigModule,
      global: true,
      imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, cache: true, load: [() => env] })],
      providers: [{ provide: APP_ENV, useValue: env }],
      exports: [APP_ENV],
    };
  }
}
