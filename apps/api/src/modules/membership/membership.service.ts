import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { keysetPage, type CursorPaging, type Page, type PageOptions, type SortKey } from '../../common/pagination';
import { joinedUser, userColumns, type UserColumns } from '../user';
import { MembershipType } from './dto/membership.type';
import { MembershipEntity } from './membership.entity';
import type { Role } from '../../common/role.enum';

/** Members in the order they joined; the id breaks ties. */
const MEMBER_ORDER: SortKey[] = [
  { column: 'm.created_at', type: 'timestamptz', direction: 'ASC' },
  { column: 'm.id', type: 'uuid', direction: 'ASC' },
];

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
    tenantId: string,
    paging: CursorPaging | null | undefined,
    options: PageOptions = {},
  ): Promise<Page<MembershipType>> {
    return keysetPage(
      {
        db: this.memberships.manager,
        from: 'memberships m JOIN users u ON u.id = m.user_id AND u.deleted_at IS NULL',
        columns: `m.id, m.role, m.created_at AS "createdAt", ${userColumns('u', 'user')}`,
        where: (p) => `m.tenant_id = ${p(tenantId)} AND m.deleted_at IS NULL`,
        keys: MEMBER_ORDER,
      },
      paging,
      (row: MemberRow) => MembershipType.from(row, joinedUser(row, 'user')),
      options,
    );
  }
}
