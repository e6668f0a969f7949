import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { AbstractEntity } from '@app/database';
import { UserEntity } from '../user';
import { TenantEntity } from '../tenant';
import { Role } from '../../common/role.enum';

/** A user's role in a tenant; one row per (user, tenant). */
@Entity('memberships')
@Check('CHK_memberships_role', `"role" IN ('OWNER', 'ADMIN', 'MEMBER')`)
@Index('UQ_memberships_user_tenant', ['userId', 'tenantId'], { unique: true })
export class MembershipEntity extends AbstractEntity {
  @Index('IDX_memberships_user_id')
  @Column({ type: 'uuid' })
  userId!: string;

  @Index('IDX_memberships_tenant_id')
  @Column({ type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: Role;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_memberships_user' })
  user?: UserEntity;

  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'FK_memberships_tenant' })
  tenant?: TenantEntity;
}
