import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { AbstractEntity } from '@app/database';
import { TenantEntity } from '../tenant';
import { UserEntity } from '../user';
import { Role } from '../../common/role.enum';
import { InvitationStatus } from './invitation.constants';

/** An invitation to join a tenant: a small state machine (invitation.constants.ts). */
@Entity('invitations')
@Check('CHK_invitations_role', `"role" IN ('ADMIN', 'MEMBER')`)
@Check('CHK_invitations_status', `"status" IN ('PENDING', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'REVOKED')`)
@Check('CHK_invitations_email_lowercase', `"email" = lower("email")`)
// One open invitation per address and tenant.
@Index('UQ_invitations_pending_tenant_email', ['tenantId', 'email'], {
  unique: true,
  where: `"status" = 'PENDING'`,
})
// The list's default order (newest first) and the expiry job.
@Index('IDX_invitations_tenant_created', ['tenantId', 'createdAt', 'id'])
@Index('IDX_invitations_pending_expires_at', ['expiresAt'], { where: `"status" = 'PENDING'` })
export class InvitationEntity extends AbstractEntity {
  @Column({ type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'varchar', length: 320 })
  email!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: Role;

  @Column({ type: 'varchar', length: 16, default: InvitationStatus.PENDING })
  status!: InvitationStatus;

  @Index('IDX_invitations_invited_by_id')
  @Column({ type: 'uuid' })
  invitedById!: string;

  /** SHA-256 of the token mailed to the invitee; the token itself is never stored. */
  @Index('UQ_invitations_token_hash', { unique: true })
  @Column({ type: 'char', length: 64 })
  tokenHash!: string;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  /** When it left PENDING. */
  @Column({ type: 'timestamptz', nullable: true })
  respondedAt!: Date | null;

  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'FK_invitations_tenant' })
  tenant?: TenantEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invited_by_id', foreignKeyConstraintName: 'FK_invitations_invited_by' })
  invitedBy?: UserEntity;
}
