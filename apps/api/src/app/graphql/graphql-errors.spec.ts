/**
 * The error model end to end inside the API's real GraphQL stack (Mercurius,
 * the validation pipe, the error formatter, pino), with resolvers that fail
 * on purpose. Runs over HTTP on 127.0.0.1; nothing is mocked.
 */
import { Writable } from 'node:stream';
import { Args, Field, Float, InputType, Mutation, Query, Resolver } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import { GraphQLModule } from '@nestjs/graphql';
import { UnauthorizedException, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger, PinoLogger } from 'nestjs-pino';
import { IsEmail, MinLength } from 'class-validator';
import {
  APP_ENV,
  ConflictException,
  CoreConfigModule,
  LoggingModule,
  createValidationPipe,
  installRequestContext,
  requestIdOf,
  validateEnv,
  type Env,
} from '@app/core';
import { graphqlOptions } from './graphql-options';

@InputType()
class ProbeInput {
  @Field()
  @IsEmail({}, { message: 'must be an email address' })
  email!: string;

  @Field()
  @MinLength(10, { message: 'must be at least 10 characters' })
  password!: string;
}

@Resolver()
class ProbeResolver {
  @Query(() => String)
  boom(): string {
    throw new Error('relation "secret_table" does not exist: SELECT password FROM users');
  }

  @Query(() => String)
  conflict(): string {
    throw new ConflictException('Already there');
  }

  @Query(() => String)
  guarded(): string {
    throw new UnauthorizedException();
  }

  @Query(() => Float)
  half(@Args('x', { type: () => Float }) x: number): number {
    return x / 2;
  }

  @Mutation(() => Boolean)
  probe(@Args('input') _input: ProbeInput): boolean {
    return true;
  }
}

async function boot(nodeEnv: 'production' | 'test'): Promise<{ app: INestApplication; url: string; logs: string[] }> {
  const env: Env = validateEnv(
    nodeEnv === 'production'
      ? {
          NODE_ENV: 'production',
          DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/x',
          REDIS_URL: 'redis://127.0.0.1:6379',
          SMTP_URL: 'smtp://127.0.0.1:1025',
          APP_URL: 'https://app.example.com',
          MAIL_FROM: 'no-reply@example.com',
          JWT_ACCESS_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----',
          JWT_ACCESS_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nx\n-----END PUBLIC KEY-----',
          JWT_REFRESH_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----',
          JWT_REFRESH_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nx\n-----END PUBLIC KEY-----',
        }
      : { NODE_ENV: 'test' },
  );
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const moduleRef = await Test.createTestingModule({
    imports: [
      CoreConfigModule.forRoot(env),
      LoggingModule.forRoot(env, 'api', stream),
      GraphQLModule.forRootAsync<MercuriusDriverConfig>({
        driver: MercuriusDriver,
        inject: [APP_ENV, PinoLogger],
        useFactory: (e: Env, logger: PinoLogger) => ({
          ...graphqlOptions(e, logger, { subscriber: () => Promise.resolve(null) }),
          autoSchemaFile: true,
        }),
      }),
    ],
    providers: [ProbeResolver],
  }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter({ genReqId: requestIdOf }), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  installRequestContext(app.getHttpAdapter().getInstance());
  app.useGlobalPipes(createValidationPipe());
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl(), logs };
}

async function post(url: string, query: string, requestId = 'err-1') {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': requestId },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as { errors?: { message: string; extensions: Record<string, unknown> }[] };
}

describe('GraphQL errors in production mode', () => {
  let ctx: Awaited<ReturnType<typeof boot>>;
  beforeAll(async () => {
    ctx = await boot('production');
  });
  afterAll(async () => {
    await ctx.app.close();
  });

  it('an unknown error reaches the client as INTERNAL_SERVER_ERROR with no stack, SQL or detail', async () => {
    const body = await post(ctx.url, '{ boom }', 'err-123');
    const error = body.errors?.[0];
    expect(error?.message).toBe('Internal server error');
    expect(error?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'err-123' });
    expect(JSON.stringify(body)).not.toMatch(/secret_table|SELECT|stacktrace/);
  });

  it('the log line of that error has the stack and the request id', () => {
    const line = ctx.logs
      .map((l) => JSON.parse(l) as Record<string, any>)
      .find((l) => l['requestId'] === 'err-123' && l['err']);
    expect(line).toBeDefined();
    expect(line?.['level']).toBe('error');
    expect(line?.['err']?.stack).toContain('secret_table');
    expect(line?.['err']?.stack).toMatch(/at .+graphql-errors\.spec\.ts/);
  });

  it('a module exception keeps its message and code', async () => {
    const body = await post(ctx.url, '{ conflict }');
    expect(body.errors?.[0]).toMatchObject({ message: 'Already there', extensions: { code: 'CONFLICT' } });
  });

  it('an authentication failure is UNAUTHENTICATED', async () => {
    const body = await post(ctx.url, '{ guarded }');
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
  });

  it('class-validator failures are BAD_USER_INPUT with every bad field and its messages', async () => {
    const body = await post(ctx.url, 'mutation { probe(input: { email: "nope", password: "short" }) }');
    expect(body.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [
        { field: 'email', messages: ['must be an email address'] },
        { field: 'password', messages: ['must be at least 10 characters'] },
      ],
    });
  });

  it('a wrongly typed variable is BAD_USER_INPUT too, also when graphql-jit compiles the document (2nd time)', async () => {
    const answers: { status: number; code: string | undefined }[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${ctx.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(
          i % 2 === 0
            ? { query: 'mutation($i: ProbeInput!) { probe(input: $i) }', variables: { i: { email: 1 } } }
            : { query: 'query($x: Float!) { half(x: $x) }', variables: { x: { lower: true } } },
        ),
      });
      const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
      answers.push({ status: res.status, code: body.errors[0]?.extensions.code });
    }
    expect(answers).toEqual(Array(6).fill({ status: 400, code: 'BAD_USER_INPUT' }));
  });
});

describe('GraphQL errors outside production', () => {
  let ctx: Awaited<ReturnType<typeof boot>>;
  beforeAll(async () => {
    ctx = await boot('test');
  });
  afterAll(async () => {
    await ctx.app.close();
  });

  it('may show the stack of an unknown error, still with the contract code and no raw message', async () => {
    const body = await post(ctx.url, '{ boom }');
    const error = body.errors?.[0];
    expect(error?.extensions['code']).toBe('INTERNAL_SERVER_ERROR');
    expect(error?.message).toBe('Internal server error');
    expect(Array.isArray(error?.extensions['stacktrace'])).toBe(true);
  });
});
