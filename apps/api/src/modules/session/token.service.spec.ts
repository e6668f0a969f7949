import { generateKeyPairSync } from 'node:crypto';
import { SignJWT, importPKCS8 } from 'jose';
import type { PinoLogger } from 'nestjs-pino';
import { UnauthenticatedException, validateEnv } from '@app/core';
import { Role } from '../../common/role.enum';
import { TokenService } from './token.service';

type Pair = { privateKey: string; publicKey: string };
const pair = (): Pair =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });

const access = pair();
const refresh = pair();
const stranger = pair();
const CLAIMS = { sub: 'user-1', tid: 'tenant-1', role: Role.ADMIN, sid: 'session-1' };
const logger = { warn: jest.fn() } as unknown as PinoLogger;

async function service(extra: Record<string, string> = {}, keys = { access, refresh }): Promise<TokenService> {
  const env = validateEnv({
    NODE_ENV: 'test',
    JWT_ACCESS_PRIVATE_KEY: keys.access.privateKey,
    JWT_ACCESS_PUBLIC_KEY: keys.access.publicKey,
    JWT_REFRESH_PRIVATE_KEY: keys.refresh.privateKey,
    JWT_REFRESH_PUBLIC_KEY: keys.refresh.publicKey,
    ...extra,
  });
  const tokens = new TokenService(env, logger);
  await tokens.onModuleInit();
  return tokens;
}

const header = (token: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()) as Record<string, unknown>;
const claimsOf = (token: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;

/** Re-signs the claims of `token` with `privatePem`, changing what `change` says. */
async function forge(
  token: string,
  privatePem: string,
  change: { header?: Record<string, unknown>; claims?: Record<string, unknown> } = {},
): Promise<string> {
  return new SignJWT({ ...claimsOf(token), ...change.claims })
    .setProtectedHeader({ ...header(token), alg: 'RS256', ...change.header })
    .sign(await importPKCS8(privatePem, 'RS256'));
}

async function refused(attempt: Promise<unknown>): Promise<void> {
  await expect(attempt).rejects.toBeInstanceOf(UnauthenticatedException);
}

describe('TokenService (RS256, two key rings)', () => {
  let tokens: TokenService;
  let token: string;
  beforeAll(async () => {
    tokens = await service();
    token = (await tokens.signAccess(CLAIMS)).token;
  });

  it('signs access tokens with typ, kid and the contract’s claims, and verifies them', async () => {
    expect(header(token)).toMatchObject({ alg: 'RS256', typ: 'at+jwt', kid: expect.any(String) });
    const claims = claimsOf(token);
    expect(claims).toMatchObject({ ...CLAIMS, iss: 'saas-api', aud: 'saas-api' });
    expect(Number(claims['exp']) - Number(claims['iat'])).toBe(900);
    expect(await tokens.verifyAccess(token)).toEqual(CLAIMS);
  });

  it('refuses alg none and an HS256 token keyed with the public key (algorithm confusion)', async () => {
    const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
    const [, payload] = token.split('.');
    await refused(tokens.verifyAccess(`${b64({ ...header(token), alg: 'none' })}.${payload}.`));
    const hs = await new SignJWT(claimsOf(token))
      .setProtectedHeader({ ...header(token), alg: 'HS256' })
      .sign(new TextEncoder().encode(access.publicKey));
    await refused(tokens.verifyAccess(hs));
  });

  it('refuses a token signed by another key, even under the right kid', async () => {
    await refused(tokens.verifyAccess(await forge(token, stranger.privateKey)));
    // The same forge with the real key passes: the test would notice a broken forger.
    expect(await tokens.verifyAccess(await forge(token, access.privateKey))).toEqual(CLAIMS);
  });

  it('never takes one kind of token for the other', async () => {
    const r = await tokens.signRefresh({ sub: 'user-1', sid: 'session-1', jti: 'j' }, new Date(Date.now() + 60_000));
    expect(header(r)).toMatchObject({ typ: 'refresh+jwt' });
    await refused(tokens.verifyAccess(r));
    await refused(tokens.verifyRefresh(token));
    // Even signed with the right key for its header, the wrong typ is refused.
    await refused(tokens.verifyAccess(await forge(r, access.privateKey, { header: { kid: header(token)['kid'] } })));
  });

  it('checks iss, aud, exp, nbf and the role', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const claims of [
      { iss: 'someone-else' },
      { aud: 'another-api' },
      { exp: now - 60 },
      { nbf: now + 600 },
      { role: 'SUPERUSER' },
      { tid: 42 },
    ]) {
      await refused(tokens.verifyAccess(await forge(token, access.privateKey, { claims })));
    }
  });

  it('remembers a verified access token until it expires, and no longer', async () => {
    const fresh = await service();
    const t = (await fresh.signAccess(CLAIMS)).token;
    const exp = Number(claimsOf(t)['exp']);
    expect(await fresh.verifyAccess(t)).toEqual(CLAIMS);
    // A tampered copy of a remembered token is still checked in full.
    const i = t.length - 20;
    await refused(fresh.verifyAccess(`${t.slice(0, i)}${t[i] === 'A' ? 'B' : 'A'}${t.slice(i + 1)}`));
    // The clock (Date, for the cache and for jose) moves past exp.
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      jest.setSystemTime((exp + 4) * 1000); // within the 5 s clock tolerance
      expect(await fresh.verifyAccess(t)).toEqual(CLAIMS);
      jest.setSystemTime((exp + 6) * 1000);
      await refused(fresh.verifyAccess(t));
    } finally {
      jest.useRealTimers();
    }
  });

  it('refuses garbage', async () => {
    for (const junk of ['', 'abc', 'a.b.c', `${token}x`, token.split('.').slice(0, 2).join('.')]) {
      await refused(tokens.verifyAccess(junk));
    }
  });

  describe('key rotation', () => {
    const next = { access: pair(), refresh: pair() };

    it('accepts tokens of the previous key while it is listed as an extra public key', async () => {
      const rotated = await service(
        {
          JWT_ACCESS_EXTRA_PUBLIC_KEYS: access.publicKey.replace(/\n/g, '\\n'),
          JWT_REFRESH_EXTRA_PUBLIC_KEYS: refresh.publicKey,
        },
        next,
      );
      expect(await rotated.verifyAccess(token)).toEqual(CLAIMS);
      const fresh = (await rotated.signAccess(CLAIMS)).token;
      expect(header(fresh)['kid']).not.toBe(header(token)['kid']);
      expect(await rotated.verifyAccess(fresh)).toEqual(CLAIMS);
      // The old pair's instances accept nothing signed by the new key (until they list it).
      await refused(tokens.verifyAccess(fresh));
    });

    it('refuses them once the previous key is no longer listed', async () => {
      await refused((await service({}, next)).verifyAccess(token));
    });

    it('never accepts an extra access key for refresh tokens', async () => {
      const r = await tokens.signRefresh({ sub: 'u', sid: 's', jti: 'j' }, new Date(Date.now() + 60_000));
      const rotated = await service({ JWT_ACCESS_EXTRA_PUBLIC_KEYS: refresh.publicKey }, next);
      await refused(rotated.verifyRefresh(r));
    });
  });
});
