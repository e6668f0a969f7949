import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConflictException, ForbiddenException, NotFoundException } from '@app/core';
import { Database } from '@app/database';
import { recordAudit } from '../audit';
import { UserService } from '../user';
import { MembershipType } from './dto/membership.type';
import { SessionService } from '../session';
import { MembershipEntity } from './membership.entity';
import { Role } from '../../common/role.enum';
import { callerScope, type Caller } from '../../common/caller';

/** Role changes and removals in the caller's tenant; the last OWNER stays. */
@Injectable()
export class MembershipAdminService {
  constructor(
    private readonly database: Database,
    private readonly sessions: SessionService,
    private readonly users: UserService,
  ) {}

  async updateRole(actor: Caller, userId: string, role: Role): Promise<MembershipType> {
    const { updated, revoked } = await this.database.transaction(callerScope(actor), async (tx) => {
      const { manager } = tx;
      const target = await this.lockTarget(manager, actor.tenantId, userId);
      if (target.role === Role.OWNER && role !== Role.OWNER)
        await this.ensureAnotherOwner(manager, actor.tenantId, userId);
      const from = target.role;
      target.role = role;
      await manager.getRepository(MembershipEntity).update({ id: target.id }, { role });
      await recordAudit(manager, {
        action: 'member.role_changed',
        tenantId: actor.tenantId,
        actorUserId: actor.userId,
        resourceType: 'user',
        resourceId: userId,
        details: { from, to: role },
      });
      const user = await this.users.getById(tx, userId);
      // Their tokens carry the old role: their sessions in this tenant end with the change.
      return {
        updated: MembershipType.from(target, user),
        revoked: await this.sessions.revokeAllInTenant(tx, userId, actor.tenantId),
      };
    });
    await this.sessions.cacheAllRevoked(revoked);
    return updated;
  }

  async remove(actor: Caller, userId: string): Promise<boolean> {
    const revoked = await this.database.transaction(callerScope(actor), async (tx) => {
      const { manager } = tx;
      const target = await this.lockTarget(manager, actor.tenantId, userId);
      if (target.role === Role.OWNER) {
        if (actor.role !== Role.OWNER) throw new ForbiddenException('Only an owner can remove an owner');
        await this.ensureAnotherOwner(manager, actor.tenantId, userId);
      }
      await manager.getRepository(MembershipEntity).delete({ id: target.id });
      await recordAudit(manager, {
        action: 'member.removed',
        tenantId: actor.tenantId,
        actorUserId: actor.userId,
        resourceType: 'user',
        resourceId: userId,
        details: { role: target.role },
      });
      return this.sessions.revokeAllInTenant(tx, userId, actor.tenantId);
    });
    await this.sessions.cacheAllRevoked(revoked);
    return true;
  }

  /** Locks the tenant's memberships in a fixed order, so two concurrent demotions cannot both pass. */
  private async lockTarget(manager: EntityManager, tenantId: string, userId: string): Promise<MembershipEntity> {
    const rows = await manager
      .getRepository(MembershipEntity)
      .createQueryBuilder('m')
      .setLock('pessimistic_write')
      .where('m.tenant_id = :tenantId', { tenantId })
      .orderBy('m.id')
      .getMany();
    const target = rows.find((m) => m.userId === userId);
    if (!target) throw new NotFoundException('Member');
    return target;
  }

  private async ensureAnotherOwner(manager: EntityManager, tenantId: string, userId: string): Promise<void> {
    const owners = await manager.getRepository(MembershipEntity).countBy({ tenantId, role: Role.OWNER });
    const targetIsOwner = await manager
      .getRepository(MembershipEntity)
      .existsBy({ tenantId, userId, role: Role.OWNER });
    if (targetIsOwner && owners <= 1) throw new ConflictException('The last owner can be neither demoted nor removed');
  }
}
