import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  BadUserInputException,
  ConflictException,
  ForbiddenException,
  NotFoundException,
  RequestContext,
  UnauthenticatedException,
} from '@app/core';
import { Database, NO_TENANT, isUniqueViolation, type Statements } from '@app/database';
import { recordAudit } from '../audit';
import { EmailOutbox, type MailRecipient } from '@app/queue';
import { MembershipService, Role } from '../membership';
import { TenantService, TenantType, type TenantEntity } from '../tenant';
import { UserService, UserType, type UserEntity } from '../user';
import { EMAIL_VERIFICATION_TTL_SECONDS, PASSWORD_RESET_TTL_SECONDS } from './auth.constants';
import type { AuthPayloadType, MeType } from './dto/auth.types';
import type { LoginInput, ResetPasswordInput, SignUpInput } from './dto/auth.inputs';
import { UserTokenPurpose } from './entities/user-token.entity';
import type { AuthContext, ClientInfo } from '../../common/auth.decorators';
import { callerScope } from '../../common/caller';
import { PasswordService } from './password.service';
import { RateLimitService } from './rate-limit.service';
import { SessionService } from '../session';
import { TokenService } from '../session';
import { UserTokenService } from './user-token.service';

const BAD_CREDENTIALS = 'Invalid email or password';

/** Sign-up, login, tokens, sessions, password reset and email verification: every rule of the auth module. */
@Injectable()
export class AuthService {
  constructor(
    private readonly database: Database,
    private readonly users: UserService,
    private readonly tenants: TenantService,
    private readonly memberships: MembershipService,
    private readonly passwords: PasswordService,
    private readonly tokens: TokenService,
    private readonly sessions: SessionService,
    private readonly userTokens: UserTokenService,
    private readonly rateLimit: RateLimitService,
    private readonly email: EmailOutbox,
  ) {}

  /**
   * User + tenant + OWNER membership + session, and the welcome and
   * verification emails (outbox), in one transaction: all or nothing.
   */
  async signUp(input: SignUpInput, client: ClientInfo): Promise<AuthPayloadType> {
    await this.rateLimit.consume('sign-up', client.ip);
    // The cheap refusal first: argon2id costs tens of milliseconds of CPU.
    if (await this.users.findByEmail(this.database.read(NO_TENANT), input.email)) {
      throw new ConflictException('An account with this email already exists');
    }
    const passwordHash = await this.passwords.hash(input.password);
    const created = await this.database
      .transaction(NO_TENANT, async (tx) => {
        const { manager } = tx;
        if (await this.users.findByEmail(tx, input.email)) {
          throw new ConflictException('An account with this email already exists');
        }
        const user = await this.users.create(tx, { email: input.email, name: input.name, passwordHash });
        // The new tenant's id is chosen here; from its creation on, the transaction acts in it (row-level security).
        const tenant = await this.tenants.create(tx, input.tenantName, { tenantId: randomUUID(), userId: user.id });
        await this.memberships.create(tx, { userId: user.id, tenantId: tenant.id, role: Role.OWNER });
        await recordAudit(manager, {
          action: 'auth.signed_up',
          tenantId: tenant.id,
          actorUserId: user.id,
          resourceType: 'user',
          resourceId: user.id,
        });
        const verificationToken = await this.userTokens.issue(
          manager,
          user.id,
          UserTokenPurpose.EMAIL_VERIFICATION,
          EMAIL_VERIFICATION_TTL_SECONDS,
        );
        const { session, refreshToken } = await this.sessions.start(tx, user.id, tenant.id);
        // From here the request's logs and jobs carry the new owner's ids.
        RequestContext.assign({ userId: user.id, tenantId: tenant.id, role: Role.OWNER });
        const recipient = { to: user.email, name: user.name };
        await this.email.welcome(manager, recipient, tenant.name);
        await this.email.verifyEmail(manager, recipient, verificationToken);
        return { user, tenant, session, refreshToken };
      })
      .catch((err: unknown) => {
        // Two sign-ups racing for one email: the unique index decides.
        if (isUniqueViolation(err, 'UQ_users_email'))
          throw new ConflictException('An account with this email already exists');
        throw err;
      });
    return this.payload(created.user, created.tenant, Role.OWNER, created.session.id, created.refreshToken);
  }

  async login(input: LoginInput, client: ClientInfo): Promise<AuthPayloadType> {
    await this.rateLimit.consume('login', client.ip, input.email);
    const user = await this.users.findByEmail(this.database.read(NO_TENANT), input.email);
    const ok = user
      ? await this.passwords.verify(user.passwordHash, input.password)
      : await this.passwords.verifyDummy(input.password);
    if (!user || !ok) {
      await this.auditFailedLogin(user, input.tenantId, 'bad-credentials');
      throw new UnauthenticatedException(BAD_CREDENTIALS);
    }
    await this.rateLimit.refund('login', input.email, client.ip);
    // The password was right: from here the request reads as this user (their own memberships and tenants).
    RequestContext.assign({ userId: user.id });
    const own = this.database.read({ userId: user.id });
    const membership = input.tenantId
      ? await this.memberships.find(own, user.id, input.tenantId)
      : ((await this.memberships.forUser(own, user.id))[0] ?? null);
    // Not a member of the requested tenant: the same answer as a bad password (no probing of tenant ids).
    if (!membership) {
      await this.auditFailedLogin(user, input.tenantId, 'not-a-member');
      throw new UnauthenticatedException(BAD_CREDENTIALS);
    }
    const tenant = await this.requireTenant(own, membership.tenantId);
    RequestContext.assign({ tenantId: tenant.id, role: membership.role });
    const scope = { tenantId: tenant.id, userId: user.id };
    const { session, refreshToken } = await this.database.transaction(scope, async (tx) => {
      const started = await this.sessions.start(tx, user.id, tenant.id);
      await recordAudit(tx.manager, {
        action: 'auth.login_succeeded',
        tenantId: tenant.id,
        actorUserId: user.id,
        resourceType: 'session',
        resourceId: started.session.id,
      });
      return started;
    });
    return this.payload(user, tenant, membership.role, session.id, refreshToken);
  }

  async refresh(refreshToken: string): Promise<AuthPayloadType> {
    const { session, refreshToken: next } = await this.sessions.rotate(refreshToken);
    RequestContext.assign({ userId: session.userId, tenantId: session.tenantId });
    const work = this.database.read({ tenantId: session.tenantId, userId: session.userId });
    const [user, membership] = await Promise.all([
      this.users.findById(work, session.userId),
      this.memberships.find(work, session.userId, session.tenantId),
    ]);
    if (!user || !membership) {
      await this.sessions.revoke(session, session.id, 'membership-changed');
      throw new UnauthenticatedException('Invalid or expired refresh token');
    }
    return this.payload(user, await this.requireTenant(work, session.tenantId), membership.role, session.id, next);
  }

  async logout(auth: AuthContext): Promise<boolean> {
    await this.sessions.revoke(auth, auth.sessionId, 'logout');
    return true;
  }

  async switchTenant(auth: AuthContext, tenantId: string): Promise<AuthPayloadType> {
    // The caller's own memberships and their tenants, in any tenant.
    const own = this.database.read({ userId: auth.userId });
    const membership = await this.memberships.find(own, auth.userId, tenantId);
    if (!membership) throw new ForbiddenException('You are not a member of this tenant');
    const [user, tenant] = await Promise.all([
      this.users.findById(own, auth.userId),
      this.requireTenant(own, tenantId),
    ]);
    if (!user) throw new UnauthenticatedException();
    // The new session belongs to the tenant switched to.
    const { session, refreshToken } = await this.database.transaction({ tenantId: tenant.id, userId: user.id }, (tx) =>
      this.sessions.start(tx, user.id, tenant.id),
    );
    await this.sessions.revoke(auth, auth.sessionId, 'switched');
    return this.payload(user, tenant, membership.role, session.id, refreshToken);
  }

  async me(auth: AuthContext): Promise<MeType> {
    const work = this.database.read(callerScope(auth));
    const [user, memberships] = await Promise.all([
      this.users.findById(work, auth.userId),
      this.memberships.forUser(work, auth.userId),
    ]);
    if (!user) throw new UnauthenticatedException();
    const tenants = await this.tenants.findByIds(
      work,
      memberships.map((m) => m.tenantId),
    );
    const current = tenants.find((t) => t.id === auth.tenantId);
    const membership = memberships.find((m) => m.tenantId === auth.tenantId);
    if (!current || !membership) throw new UnauthenticatedException('Session ended; sign in again');
    return {
      user: UserType.from(user),
      tenant: TenantType.from(current),
      role: membership.role,
      tenants: tenants.map((t) => TenantType.from(t)),
    };
  }

  async tenant(auth: AuthContext): Promise<TenantType> {
    return TenantType.from(await this.requireTenant(this.database.read(callerScope(auth)), auth.tenantId));
  }

  /**
   * Always true, after the same work whatever the address: one outbox row.
   * The worker looks the address up, issues the token and sends the link
   * (or nothing), so neither the answer nor its time tells whether the
   * address has an account.
   */
  async requestPasswordReset(email: string, client: ClientInfo): Promise<boolean> {
    await this.rateLimit.consume('password-reset', client.ip, email);
    if (email.length > 320) return true; // cannot be an address we store (and says nothing about any account)
    await this.database.transaction(NO_TENANT, ({ manager }) =>
      this.email.passwordResetRequest(manager, UserService.normaliseEmail(email), PASSWORD_RESET_TTL_SECONDS),
    );
    return true;
  }

  /** Sets the password and ends every session of the user. */
  async resetPassword(input: ResetPasswordInput, client: ClientInfo): Promise<boolean> {
    await this.rateLimit.consume('reset-password', client.ip);
    const passwordHash = await this.passwords.hash(input.newPassword);
    const revoked = await this.database.transaction(NO_TENANT, async (tx) => {
      const userId = await this.userTokens.consume(tx.manager, input.token, UserTokenPurpose.PASSWORD_RESET);
      if (!userId) throw BadUserInputException.field('token', 'is invalid or has expired');
      await this.users.setPasswordHash(tx, userId, passwordHash);
      // The token's user: their sessions in every tenant end (row-level security lets them be seen).
      await tx.rescope({ userId });
      const sessions = await this.sessions.revokeAllOfUser(tx, userId, 'password-reset');
      await recordAudit(tx.manager, {
        action: 'auth.password_reset',
        tenantId: null,
        actorUserId: userId,
        resourceType: 'user',
        resourceId: userId,
        details: { sessionsRevoked: sessions.length },
      });
      return sessions;
    });
    await this.sessions.cacheAllRevoked(revoked);
    return true;
  }

  async requestEmailVerification(auth: AuthContext): Promise<boolean> {
    const user = await this.users.findById(this.database.read(NO_TENANT), auth.userId);
    if (!user) throw new UnauthenticatedException();
    if (user.emailVerifiedAt) return true;
    await this.mailToken(user, UserTokenPurpose.EMAIL_VERIFICATION, EMAIL_VERIFICATION_TTL_SECONDS, (m, to, token) =>
      this.email.verifyEmail(m, to, token),
    );
    return true;
  }

  async verifyEmail(token: string): Promise<boolean> {
    await this.database.transaction(NO_TENANT, async (tx) => {
      const userId = await this.userTokens.consume(tx.manager, token, UserTokenPurpose.EMAIL_VERIFICATION);
      if (!userId) throw BadUserInputException.field('token', 'is invalid or has expired');
      await this.users.markEmailVerified(tx, userId, new Date());
    });
    return true;
  }

  /**
   * A failed sign-in, in its own transaction (the attempt itself changes
   * nothing), never with the address itself. Filed where the attempt was
   * aimed, so that that tenant's OWNER/ADMIN see it: the requested tenant
   * when the known user is a member there, else the user's first tenant when
   * none was named; otherwise (unknown user, or a tenant they are not in)
   * under no tenant, so that no tenant sees attempts aimed elsewhere.
   */
  private async auditFailedLogin(
    user: UserEntity | null,
    requestedTenantId: string | undefined,
    reason: 'bad-credentials' | 'not-a-member',
  ): Promise<void> {
    let tenantId: string | null = null;
    if (user) {
      const memberships = await this.memberships.forUser(this.database.read({ userId: user.id }), user.id);
      tenantId = requestedTenantId
        ? (memberships.find((m) => m.tenantId === requestedTenantId)?.tenantId ?? null)
        : (memberships[0]?.tenantId ?? null);
    }
    await this.database.transaction({ tenantId }, ({ manager }) =>
      recordAudit(manager, {
        action: 'auth.login_failed',
        tenantId,
        actorUserId: null,
        resourceType: user ? 'user' : null,
        resourceId: user?.id ?? null,
        details: { reason, knownUser: user !== null },
      }),
    );
  }

  /** A new single-use token of `purpose` and the email that carries it (outbox), in one transaction. */
  private async mailToken(
    user: UserEntity,
    purpose: UserTokenPurpose,
    ttlSeconds: number,
    send: (manager: EntityManager, to: MailRecipient, token: string) => Promise<unknown>,
  ): Promise<void> {
    await this.database.transaction(NO_TENANT, async ({ manager }) => {
      const token = await this.userTokens.issue(manager, user.id, purpose, ttlSeconds);
      await send(manager, { to: user.email, name: user.name }, token);
    });
  }

  /** The tenant `id` as `work` shows it (the caller's, or one of their own); NOT_FOUND otherwise. */
  private async requireTenant(work: Statements, id: string): Promise<TenantEntity> {
    const tenant = await this.tenants.findById(work, id);
    if (!tenant) throw new NotFoundException('Tenant');
    return tenant;
  }

  /** What a successful sign-in answers: a fresh access token for the session, and its refresh token. */
  async payload(
    user: UserEntity,
    tenant: TenantEntity,
    role: Role,
    sessionId: string,
    refreshToken: string,
  ): Promise<AuthPayloadType> {
    const access = await this.tokens.signAccess({ sub: user.id, tid: tenant.id, role, sid: sessionId });
    return {
      accessToken: access.token,
      refreshToken,
      expiresIn: access.expiresIn,
      user: UserType.from(user),
      tenant: TenantType.from(tenant),
      role,
    };
  }
}
