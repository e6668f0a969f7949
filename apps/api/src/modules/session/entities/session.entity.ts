import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { AbstractEntity } from '@app/database';
import { UserEntity } from '../../user';
import { TenantEntity } from '../../tenant';

/**
 * A login: the family of refresh tokens it issues, and the `sid` of its access
 * tokens. Revoking it ends both at once.
 */
@Entity('sessions')
export class SessionEntity extends AbstractEntity {
  @Index('IDX_sessions_user_id')
  @Column({ type: 'uuid' })
  userId!: string;

  @Index('IDX_sessions_tenant_id')
  @Column({ type: 'uuid' })
  tenantId!: string;

  /** Absolute lifetime: no refresh extends the family past it (ASVS 10.4.8). */
  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  revokedReason!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_sessions_user' })
  user?: UserEntity;

  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'FK_sessions_tenant' })
  tenant?: TenantEntity;
}
