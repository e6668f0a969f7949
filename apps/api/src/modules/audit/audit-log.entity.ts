import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Plain values only: what helps a reader, never secrets. */
export type AuditDetails = Record<string, string | number | boolean | null>;

/**
 * Who did what to which resource, with the request's id, IP and user agent.
 * Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE (migration
 * AddAuditLogs). No foreign keys: the trail outlives the users, tenants and
 * rows it names.
 */
@Entity('audit_logs')
// The tenant's trail, newest first.
@Index('IDX_audit_logs_tenant_created', ['tenantId', 'createdAt', 'id'])
export class AuditLogEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** Null for actions outside any tenant (a failed login of an unknown address). */
  @Column({ type: 'uuid', nullable: true })
  tenantId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  resourceType!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  resourceId!: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  requestId!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ type: 'varchar', length: 256, nullable: true })
  userAgent!: string | null;

  /** What else helps to read the entry later (old and new role, ...); never secrets. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  details!: AuditDetails;
}
