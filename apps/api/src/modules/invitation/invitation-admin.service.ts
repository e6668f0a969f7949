import { Injectable } from '@nestjs/common';
import { ConflictException, RequestContext } from '@app/core';
import { expireStaleInvitations } from '@app/domain';
import {
  findInTenantOrFail,
  isUniqueViolation,
  type TenantStatements,
  type Transaction,
  Database,
} from '@app/database';
import { recordAudit } from '../audit';
import { EmailOutbox } from '@app/queue';
import { tenantPage, type ListArgs, type Page, type PageOptions, type TenantList } from '../../common/pagination';
import type { Role } from '../../common/role.enum';
import { MembershipService } from '../membership';
import { TenantService } from '../tenant';
import { UserService, joinedUser, userColumns, type UserColumns, type UserEntity } from '../user';
import { InvitationType } from './dto/invitation.type';
import type { InvitationSortFields } from './dto/invitations.args';
import { InvitationEntity } from './invitation.entity';
import { InvitationEvent, InvitationStatus, nextStatus } from './invitation.constants';
import { newInvitationToken } from './invitation-token';
import { callerScope, type Caller } from '../../common/caller';

/** An invitation list row: the invitation and its inviter (the join guarantees one). */
type InvitationRow = Pick<InvitationEntity, 'id' | 'email' | 'role' | 'status' | 'expiresAt' | 'createdAt'> &
  UserColumns<'inviter'>;

const PENDING_UNIQUE = 'UQ_invitations_pending_tenant_email';

/** The invitations page: the tenant's invitations with their inviters, newest first unless sorted otherwise. */
const INVITATIONS: TenantList<InvitationSortFields> = {
  from: 'invitations i JOIN users u ON u.id = i.invited_by_id AND u.deleted_at IS NULL',
  columns: `i.id, i.email, i.role, i.status, i.expires_at AS "expiresAt", i.created_at AS "createdAt",
    ${userColumns('u', 'inviter')}`,
  tenant: 'i.tenant_id',
  where: () => 'i.deleted_at IS NULL',
  fields: {
    email: { column: 'i.email', type: 'text' },
    role: { column: 'i.role', type: 'text' },
    status: { column: 'i.status', type: 'text' },
    createdAt: { column: 'i.created_at', type: 'timestamptz' },
    expiresAt: { column: 'i.expires_at', type: 'timestamptz' },
  },
  defaultOrder: { column: 'i.created_at', type: 'timestamptz', direction: 'DESC' },
  id: 'i.id',
};

/**
 * What OWNERs and ADMINs do with invitations: invite, resend, revoke, list.
 * Every transition is one transaction that locks the row and follows the
 * table in invitation.constants.ts; another tenant's invitation is NOT_FOUND.
 */
@Injectable()
export class InvitationAdminService {
  constructor(
    private readonly database: Database,
    private readonly users: UserService,
    private readonly tenants: TenantService,
    private readonly memberships: MembershipService,
    private readonly email: EmailOutbox,
  ) {}

  async invite(actor: Caller, address: string, role: Role): Promise<InvitationType> {
    const email = UserService.normaliseEmail(address);
    return this.database
      .transaction(callerScope(actor), async (tx) => {
        const { manager } = tx;
        const existing = await this.users.findByEmail(tx, email);
        if (existing && (await this.memberships.find(tx, existing.id, actor.tenantId))) {
          throw new ConflictException('This person is already a member');
        }
        const repo = manager.getRepository(InvitationEntity);
        // A pending invitation past its expiry (the job has not run yet) is expired now, not in the way:
        // the worker's rule, with its audit row.
        await expireStaleInvitations(tx, RequestContext.requestId() ?? null, { tenantId: actor.tenantId, email });
        const now = new Date();
        if (await repo.existsBy({ tenantId: actor.tenantId, email, status: InvitationStatus.PENDING })) {
          throw new ConflictException('This address already has a pending invitation');
        }
        const { token, tokenHash, expiresAt } = newInvitationToken(now);
        const invitation = await repo.save(
          repo.create({
            tenantId: actor.tenantId,
            email,
            role,
            status: InvitationStatus.PENDING,
            invitedById: actor.userId,
            tokenHash,
            expiresAt,
            respondedAt: null,
          }),
        );
        await recordAudit(manager, {
          action: 'invitation.created',
          tenantId: actor.tenantId,
          actorUserId: actor.userId,
          resourceType: 'invitation',
          resourceId: invitation.id,
          details: { role },
        });
        const inviter = await this.sendEmail(tx, actor, invitation, token);
        return InvitationType.from(invitation, inviter);
      })
      .catch((err: unknown) => {
        // Two invitations racing for one address: the partial unique index decides.
        if (isUniqueViolation(err, PENDING_UNIQUE)) {
          throw new ConflictException('This address already has a pending invitation');
        }
        throw err;
      });
  }

  /** A new token and a new expiry: the old link stops working. PENDING only. */
  async resend(actor: Caller, id: string): Promise<InvitationType> {
    return this.database.transaction(callerScope(actor), async (tx) => {
      const { manager } = tx;
      const invitation = await findInTenantOrFail(
        manager,
        InvitationEntity,
        { tenantId: actor.tenantId, id },
        'Invitation',
        true,
      );
      transition(invitation, InvitationEvent.RESEND);
      const { token, tokenHash, expiresAt } = newInvitationToken();
      invitation.tokenHash = tokenHash;
      invitation.expiresAt = expiresAt;
      await manager.getRepository(InvitationEntity).update({ id }, { tokenHash, expiresAt });
      await recordAudit(manager, {
        action: 'invitation.resent',
        tenantId: actor.tenantId,
        actorUserId: actor.userId,
        resourceType: 'invitation',
        resourceId: id,
      });
      const inviter = await this.sendEmail(tx, actor, invitation, token);
      return InvitationType.from(invitation, inviter);
    });
  }

  async revoke(actor: Caller, id: string): Promise<InvitationType> {
    return this.database.transaction(callerScope(actor), async (tx) => {
      const { manager } = tx;
      const invitation = await findInTenantOrFail(
        manager,
        InvitationEntity,
        { tenantId: actor.tenantId, id },
        'Invitation',
        true,
      );
      const status = transition(invitation, InvitationEvent.REVOKE);
      const respondedAt = new Date();
      await manager.getRepository(InvitationEntity).update({ id }, { status, respondedAt });
      await recordAudit(manager, {
        action: 'invitation.revoked',
        tenantId: actor.tenantId,
        actorUserId: actor.userId,
        resourceType: 'invitation',
        resourceId: id,
      });
      const invitedBy = await this.users.getById(tx, invitation.invitedById);
      return InvitationType.from(Object.assign(invitation, { status, respondedAt }), invitedBy);
    });
  }

  /** A page of the invitations of `work`'s tenant, newest first unless sorted otherwise. */
  list(
    work: TenantStatements,
    args: ListArgs<InvitationSortFields>,
    options: PageOptions = {},
  ): Promise<Page<InvitationType>> {
    return tenantPage(
      work,
      INVITATIONS,
      args,
      (row: InvitationRow) => InvitationType.from(row, joinedUser(row, 'inviter')),
      options,
    );
  }

  /**
   * Queues the invitation email (outbox, in this transaction), signed by the
   * acting user; returns the original inviter (the invitation's `invitedBy`).
   */
  private async sendEmail(
    tx: Transaction,
    actor: Caller,
    invitation: InvitationEntity,
    token: string,
  ): Promise<UserEntity> {
    const inviter = await this.users.getById(tx, invitation.invitedById);
    const sender = actor.userId === inviter.id ? inviter : await this.users.getById(tx, actor.userId);
    const tenant = await this.tenants.findById(tx, actor.tenantId);
    await this.email.invitation(tx.manager, {
      to: invitation.email,
      inviterName: sender.name,
      tenantName: tenant?.name ?? '',
      role: invitation.role,
      token,
      expiresAt: invitation.expiresAt.toISOString(),
    });
    return inviter;
  }
}

/** The status `event` leads to, or CONFLICT naming the current one. */
export function transition(invitation: InvitationEntity, event: InvitationEvent): InvitationStatus {
  const next = nextStatus(invitation.status, event);
  if (!next) {
    throw new ConflictException(`This invitation is ${invitation.status.toLowerCase()}; it cannot be ${PAST[event]}`);
  }
  return next;
}

const PAST: Record<InvitationEvent, string> = {
  [InvitationEvent.ACCEPT]: 'accepted',
  [InvitationEvent.DECLINE]: 'declined',
  [InvitationEvent.REVOKE]: 'revoked',
  [InvitationEvent.EXPIRE]: 'expired',
  [InvitationEvent.RESEND]: 'resent',
};
