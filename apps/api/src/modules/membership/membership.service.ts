import { Injectable } from '@nestjs/common';
import { queryOne, type Statements, type TenantStatements, type Transaction } from '@app/database';
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

/** Every column of a membership, named as the entity names them (rows of plain SQL). */
const MEMBERSHIP = `id, user_id AS "userId", tenant_id AS "tenantId", role,
  created_at AS "createdAt", updated_at AS "updatedAt", deleted_at AS "deletedAt"`;

/** Memberships: who belongs to which tenant with which role. */
@Injectable()
export class MembershipService {
  create(tx: Transaction, data: { userId: string; tenantId: string; role: Role }): Promise<MembershipEntity> {
    const repo = tx.manager.getRepository(MembershipEntity);
    return repo.save(repo.create(data));
  }

  /** The user's membership of the tenant, if the scope shows it (the tenant's, or the user's own). */
  async find(db: Statements, userId: string, tenantId: string): Promise<MembershipEntity | null> {
    const membership = await queryOne<MembershipEntity>(
      db,
      `SELECT ${MEMBERSHIP} FROM memberships WHERE user_id = $1 AND tenant_id = $2 AND deleted_at IS NULL`,
      [userId, tenantId],
    );
    return membership ?? null;
  }

  /** Every membership of a user, oldest first (the first is the default tenant at login); the scope needs the user. */
  forUser(db: Statements, userId: string): Promise<MembershipEntity[]> {
    return db.query<MembershipEntity>(
      `SELECT ${MEMBERSHIP} FROM memberships WHERE user_id = $1 AND deleted_at IS NULL ORDER BY created_at, id`,
      [userId],
    );
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
