import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { TenantStatements } from '@app/database';
import { tenantPage, type CursorPaging, type Page, type PageOptions, type TenantList } from '../../common/pagination';
import { joinedUser, userColumns, type UserColumns } from '../user';
import { MembershipType } from './dto/membership.type';
import { MembershipEntity } from './membership.entity';
import type { Role } from '../../common/role.enum';

/** The members page: live memberships with their users, in the order they joined (no client sorting or filtering). */
const MEMBERS: TenantList<never> = {
  from: 'memberships m JOIN users u ON u.id = m.user_id AND u.deleted_at IS NULL',
  columns: `m.id, m.role, m.created_at AS "createdAt", ${userColumns('u', 'user')}`,
  tenant: 'm.tenant_id',
  where: () => 'm.deleted_at IS NULL',
  fields: {},
  defaultOrder: { column: 'm.created_at', type: 'timestamptz', direction: 'ASC' },
  id: 'm.id',
};

/** A member list row: the membership and its user (the join guarantees one). */
type MemberRow = Pick<MembershipEntity, 'id' | 'role' | 'createdAt'> & UserColumns<'user'>;

@Injectable()
export class MembershipService {
  constructor(@InjectRepository(MembershipEntity) private readonly memberships: Repository<MembershipEntity>) {}

  create(manager: EntityManager, data: { userId: string; tenantId: string; role: Role }): Promise<MembershipEntity> {
    const repo = manager.getRepository(MembershipEntity);
    return repo.save(repo.create(data));
  }

  find(userId: string, tenantId: string, manager?: EntityManager): Promise<MembershipEntity | null> {
    return (manager?.getRepository(MembershipEntity) ?? this.memberships).findOne({ where: { userId, tenantId } });
  }

  /** Every membership of a user, oldest first (the first is the default tenant at login). */
  forUser(userId: string): Promise<MembershipEntity[]> {
    return this.memberships.find({ where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** One page of the tenant's members with their users: one statement, plus COUNT only if selected. */
  page(
    work: TenantStatements,
    paging: CursorPaging | null | undefined,
    options: PageOptions = {},
  ): Promise<Page<MembershipType>> {
    return tenantPage(
      work,
      MEMBERS,
      { paging },
      (row: MemberRow) => MembershipType.from(row, joinedUser(row, 'user')),
      options,
    );
  }
}
