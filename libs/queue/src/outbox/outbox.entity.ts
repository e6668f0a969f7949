import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A job to publish, written in the same transaction as the change that causes
 * it (transactional outbox, ADR 008). The worker's relay moves it to BullMQ
 * (the row id becomes the job id) and marks it published.
 */
@Entity('outbox')
@Index('IDX_outbox_pending', ['availableAt', 'createdAt'], { where: '"published_at" IS NULL' })
@Index('IDX_outbox_published_at', ['publishedAt'], { where: '"published_at" IS NOT NULL' })
export class OutboxEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'varchar', length: 64 })
  queue!: string;

  @Column({ type: 'varchar', length: 64 })
  jobName!: string;

  /** The job's data. Emptied once published: it may carry a single-use token in clear. */
  @Column({ type: 'jsonb', nullable: true })
  payload!: Record<string, unknown> | null;

  /** Who caused it, kept after the payload is emptied (tracing). */
  @Column({ type: 'varchar', length: 128 })
  requestId!: string;

  @Column({ type: 'uuid', nullable: true })
  tenantId!: string | null;

  /** Not before: pushed back after a failed publish (Redis down). */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  availableAt!: Date;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
