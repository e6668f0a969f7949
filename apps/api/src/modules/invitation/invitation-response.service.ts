import { Injectable } from '@nestjs/common';
import { BadUserInputException, ConflictException, RequestContext, type FieldError } from '@app/core';
import { Database, queryOne, type Transaction } from '@app/database';
import { recordAudit } from '../audit';
import type { ClientInfo } from '../../common/auth.decorators';
import { AuthService, PasswordService, RateLimitService, type AuthPayloadType } from '../auth';
import { MembershipService } from '../membership';
import { SessionService, sha256 } from '../session';
import { TenantService } from '../tenant';
import { UserService, type UserEntity } from '../user';
import type { AcceptInvitationInput, DeclineInvitationInput } from './dto/invitation.inputs';
import { InvitationEntity } from './invitation.entity';
import { InvitationEvent, InvitationStatus } from './invitation.constants';
import { transition } from './invitation-admin.service';

const INVALID_TOKEN = 'is invalid; ask for a new invitation';

/**
 * What the invitee does, with the token from the email (PUBLIC operations):
 * accept (join, creating the account if the address has none) or decline.
 * Rate limited per IP and per invited address, like login.
 */
@Injectable()
export class InvitationResponseService {
  constructor(
    private readonly database: Database,
    private readonly users: UserService,
    private readonly tenants: TenantService,
    private readonly memberships: MembershipService,
    private readonly sessions: SessionService,
    private readonly passwords: PasswordService,
    private readonly rateLimit: RateLimitService,
    private readonly auth: AuthService,
  ) {}

  /**
   * In one transaction: lock the invitation, check it is PENDING and not
   * expired, reuse or create the user, add the membership, mark it ACCEPTED
   * and start a session in that tenant. A second accept is CONFLICT.
   */
  async accept(input: AcceptInvitationInput, client: ClientInfo): Promise<AuthPayloadType> {
    const tokenHash = sha256(input.token);
    await this.limit(tokenHash, client);
    // Hashing is slow: done before the transaction, and only when an account may be created.
    const passwordHash = input.password ? await this.passwords.hash(input.password) : null;
    const joined = await this.byToken(tokenHash, async (tx) => {
      const { manager } = tx;
      const invitation = await this.lockPending(tx, tokenHash, InvitationEvent.ACCEPT);
      const user = await this.accountFor(tx, invitation.email, input.name, passwordHash);
      if (await this.memberships.find(tx, user.id, invitation.tenantId)) {
        throw new ConflictException('You are already a member of this tenant');
      }
      await this.memberships.create(tx, { userId: user.id, tenantId: invitation.tenantId, role: invitation.role });
      await manager
        .getRepository(InvitationEntity)
        .update({ id: invitation.id }, { status: InvitationStatus.ACCEPTED, respondedAt: new Date() });
      await recordAudit(manager, {
        action: 'invitation.accepted',
        tenantId: invitation.tenantId,
        actorUserId: user.id,
        resourceType: 'invitation',
        resourceId: invitation.id,
        details: { role: invitation.role },
      });
      const tenant = await this.tenants.findById(tx, invitation.tenantId);
      if (!tenant) throw new ConflictException('This tenant no longer exists');
      // From here the request's logs and jobs carry the new member's ids.
      RequestContext.assign({ userId: user.id, tenantId: tenant.id, role: invitation.role });
      const { session, refreshToken } = await this.sessions.start(tx, user.id, tenant.id);
      return { user, tenant, role: invitation.role, session, refreshToken };
    });
    return this.auth.payload(joined.user, joined.tenant, joined.role, joined.session.id, joined.refreshToken);
  }

  async decline(input: DeclineInvitationInput, client: ClientInfo): Promise<boolean> {
    const tokenHash = sha256(input.token);
    await this.limit(tokenHash, client);
    await this.byToken(tokenHash, async (tx) => {
      const { manager } = tx;
      const invitation = await this.lockPending(tx, tokenHash, InvitationEvent.DECLINE);
      await manager
        .getRepository(InvitationEntity)
        .update({ id: invitation.id }, { status: InvitationStatus.DECLINED, respondedAt: new Date() });
      await recordAudit(manager, {
        action: 'invitation.declined',
        tenantId: invitation.tenantId,
        actorUserId: null,
        resourceType: 'invitation',
        resourceId: invitation.id,
      });
    });
    return true;
  }

  /**
   * A transaction that can see the one invitation of this token hash in
   * whichever tenant it is (the narrow path of row-level security: the token
   * is the capability); `lockPending` then moves it into that tenant.
   */
  private byToken<T>(tokenHash: string, work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.database.transaction({ invitationTokenHash: tokenHash }, work);
  }

  /** Per IP always; per invited address when the token is one of ours (guessing tokens is pointless anyway). */
  private async limit(tokenHash: string, client: ClientInfo): Promise<void> {
    const target = await queryOne<Pick<InvitationEntity, 'email'>>(
      this.database.read({ invitationTokenHash: tokenHash }),
      `SELECT email FROM invitations WHERE token_hash = $1 AND deleted_at IS NULL`,
      [tokenHash],
    );
    await this.rateLimit.consume('accept-invitation', client.ip, target?.email);
  }

  /** The invitation of this token hash, locked; BAD_USER_INPUT if unknown, CONFLICT unless the event is allowed now. */
  private async lockPending(tx: Transaction, tokenHash: string, event: InvitationEvent): Promise<InvitationEntity> {
    const invitation = await tx.manager
      .getRepository(InvitationEntity)
      .createQueryBuilder('i')
      .setLock('pessimistic_write')
      .where('i.token_hash = :hash AND i.deleted_at IS NULL', { hash: tokenHash })
      .getOne();
    if (!invitation) throw BadUserInputException.field('token', INVALID_TOKEN);
    // Found: the rest of the transaction acts in the invitation's tenant.
    await tx.rescope({ tenantId: invitation.tenantId, invitationTokenHash: tokenHash });
    transition(invitation, event);
    // The expiry job may not have run yet: the clock decides.
    if (invitation.expiresAt <= new Date()) throw new ConflictException('This invitation has expired');
    return invitation;
  }

  /** The account of the invited address, or a new one (name and password required then). */
  private async accountFor(
    tx: Transaction,
    email: string,
    name: string | null | undefined,
    passwordHash: string | null,
  ): Promise<UserEntity> {
    let user = await this.users.findByEmail(tx, email);
    if (!user) {
      const missing: FieldError[] = [];
      if (!name?.trim()) missing.push({ field: 'name', messages: ['is required to create your account'] });
      if (!passwordHash) missing.push({ field: 'password', messages: ['is required to create your account'] });
      if (!name?.trim() || !passwordHash) throw new BadUserInputException(missing);
      user = await this.users.create(tx, { email, name, passwordHash });
    }
    // The token came to this mailbox: the address is verified.
    if (!user.emailVerifiedAt) {
      user.emailVerifiedAt = new Date();
      await this.users.markEmailVerified(tx, user.id, user.emailVerifiedAt);
    }
    return user;
  }
}
