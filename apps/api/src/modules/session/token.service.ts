import { createHash, createPublicKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { SignJWT, errors as joseErrors, importPKCS8, importSPKI, jwtVerify, type KeyLike } from 'jose';
import { InjectEnv, UnauthenticatedException, type Env } from '@app/core';
import { ROLES, type Role } from '../../common/role.enum';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  ACCESS_TOKEN_TYPE,
  JWT_AUDIENCE,
  JWT_ISSUER,
  REFRESH_TOKEN_TYPE,
} from './session.constants';

export interface AccessClaims {
  sub: string;
  tid: string;
  role: Role;
  sid: string;
}

export interface RefreshClaims {
  sub: string;
  sid: string;
  jti: string;
}

const CLOCK_TOLERANCE_SECONDS = 5;
/** How many verified access tokens a process remembers (about 1 KiB each). */
const VERIFIED_CACHE_SIZE = 10_000;

/** One token kind's keys: the pair it signs with, and every public key it accepts, by kid. */
interface KeyRing {
  kid: string;
  privateKey: KeyLike;
  verifiers: Map<string, KeyLike>;
}

/** kid: the first 16 characters of the base64url SHA-256 of the public key (DER). */
function kidOf(publicPem: string): string {
  const der = createPublicKey(publicPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64url').slice(0, 16);
}

async function loadRing(privatePem: string, publicPem: string, extraPublicPems: string[] = []): Promise<KeyRing> {
  const verifiers = new Map<string, KeyLike>();
  // The current key last, so it wins should an extra key repeat it.
  for (const pem of [...extraPublicPems, publicPem]) verifiers.set(kidOf(pem), await importSPKI(pem, 'RS256'));
  return { kid: kidOf(publicPem), privateKey: await importPKCS8(privatePem, 'RS256'), verifiers };
}

function ephemeralPems(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { privatePem: privateKey, publicPem: publicKey };
}

const INVALID = 'Invalid or expired token';

/**
 * RS256 JWTs with two key pairs (ADR 004): access tokens (typ at+jwt) and
 * refresh tokens (typ refresh+jwt). Verification pins RS256 and checks typ,
 * kid, iss, aud, exp and nbf, so neither kind passes for the other. During a
 * key rotation, JWT_*_EXTRA_PUBLIC_KEYS are accepted too (selected by kid).
 */
@Injectable()
export class TokenService implements OnModuleInit {
  private access!: KeyRing;
  private refresh!: KeyRing;

  constructor(
    @InjectEnv() private readonly env: Env,
    @InjectPinoLogger(TokenService.name) private readonly logger: PinoLogger,
  ) {}

  async onModuleInit(): Promise<void> {
    const {
      JWT_ACCESS_PRIVATE_KEY: ap,
      JWT_ACCESS_PUBLIC_KEY: au,
      JWT_REFRESH_PRIVATE_KEY: rp,
      JWT_REFRESH_PUBLIC_KEY: ru,
    } = this.env;
    if (ap && au && rp && ru) {
      this.access = await loadRing(ap, au, this.env.JWT_ACCESS_EXTRA_PUBLIC_KEYS);
      this.refresh = await loadRing(rp, ru, this.env.JWT_REFRESH_EXTRA_PUBLIC_KEYS);
      return;
    }
    // Production refuses to start without keys (config); elsewhere run with throwaway keys.
    this.logger.warn(
      'JWT keys not configured: using ephemeral keys (tokens die with this process); run `yarn env:init`',
    );
    const a = ephemeralPems();
    const r = ephemeralPems();
    this.access = await loadRing(a.privatePem, a.publicPem);
    this.refresh = await loadRing(r.privatePem, r.publicPem);
  }

  async signAccess(claims: AccessClaims): Promise<{ token: string; expiresIn: number }> {
    const token = await new SignJWT({ tid: claims.tid, role: claims.role, sid: claims.sid })
      .setProtectedHeader({ alg: 'RS256', typ: ACCESS_TOKEN_TYPE, kid: this.access.kid })
      .setSubject(claims.sub)
      .setIssuer(JWT_ISSUER)
      .setAudience(JWT_AUDIENCE)
      .setIssuedAt()
      .setNotBefore('0s')
      .setJti(randomUUID())
      .setExpirationTime(`${ACCESS_TOKEN_TTL_SECONDS}s`)
      .sign(this.access.privateKey);
    return { token, expiresIn: ACCESS_TOKEN_TTL_SECONDS };
  }

  signRefresh(claims: RefreshClaims, expiresAt: Date): Promise<string> {
    return new SignJWT({ sid: claims.sid })
      .setProtectedHeader({ alg: 'RS256', typ: REFRESH_TOKEN_TYPE, kid: this.refresh.kid })
      .setSubject(claims.sub)
      .setIssuer(JWT_ISSUER)
      .setAudience(JWT_AUDIENCE)
      .setIssuedAt()
      .setNotBefore('0s')
      .setJti(claims.jti)
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.refresh.privateKey);
  }

  /**
   * Access tokens whose signature and claims this process has verified, until
   * their `exp` (+ the clock tolerance): the same bytes verify the same way,
   * so a repeat skips the RSA check (a tenth of a request's CPU in
   * `yarn bench`). Revocation is not affected: the session check runs on
   * every request. Bounded; the oldest entry goes first.
   */
  private readonly verifiedAccess = new Map<string, { claims: AccessClaims; expiresAtMs: number }>();

  async verifyAccess(token: string): Promise<AccessClaims> {
    const cached = this.verifiedAccess.get(token);
    if (cached) {
      if (Date.now() < cached.expiresAtMs) return cached.claims;
      this.verifiedAccess.delete(token);
    }
    const payload = await this.verify(token, this.access, ACCESS_TOKEN_TYPE);
    const { sub, tid, role, sid } = payload;
    if (typeof sub !== 'string' || typeof tid !== 'string' || typeof role !== 'string' || typeof sid !== 'string') {
      throw new UnauthenticatedException(INVALID);
    }
    const known = (ROLES as string[]).indexOf(role);
    if (known < 0) throw new UnauthenticatedException(INVALID);
    const claims: AccessClaims = { sub, tid, role: ROLES[known], sid };
    if (typeof payload['exp'] === 'number') {
      if (this.verifiedAccess.size >= VERIFIED_CACHE_SIZE) {
        const oldest = this.verifiedAccess.keys().next();
        if (!oldest.done) this.verifiedAccess.delete(oldest.value);
      }
      this.verifiedAccess.set(token, { claims, expiresAtMs: (payload['exp'] + CLOCK_TOLERANCE_SECONDS) * 1000 });
    }
    return claims;
  }

  async verifyRefresh(token: string): Promise<RefreshClaims> {
    const payload = await this.verify(token, this.refresh, REFRESH_TOKEN_TYPE);
    const { sub, sid, jti } = payload;
    if (typeof sub !== 'string' || typeof sid !== 'string' || typeof jti !== 'string') {
      throw new UnauthenticatedException(INVALID);
    }
    return { sub, sid, jti };
  }

  private async verify(token: string, ring: KeyRing, typ: string): Promise<Record<string, unknown>> {
    try {
      // The kid picks the key; a kid this kind of token does not know fails before any signature check.
      const keyFor = (header: { kid?: string }): KeyLike => {
        const key = header.kid === undefined ? undefined : ring.verifiers.get(header.kid);
        if (!key) throw new UnauthenticatedException(INVALID);
        return key;
      };
      const { payload } = await jwtVerify(token, keyFor, {
        algorithms: ['RS256'],
        typ,
        issuer: JWT_ISSUER,
        audience: JWT_AUDIENCE,
        requiredClaims: ['sub', 'exp', 'iat', 'nbf', 'jti'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      });
      return payload;
    } catch (err) {
      if (err instanceof UnauthenticatedException) throw err;
      if (err instanceof joseErrors.JOSEError || err instanceof TypeError || err instanceof SyntaxError) {
        throw new UnauthenticatedException(INVALID);
      }
      throw err;
    }
  }
}
