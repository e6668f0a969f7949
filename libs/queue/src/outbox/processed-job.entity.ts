import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * The idempotent consumer's ledger: a job whose side effect happened is
 * recorded here, and a redelivery of it (at-least-once) is skipped (ADR 008).
 */
@Entity('processed_jobs')
export class ProcessedJobEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  queue!: string;

  @PrimaryColumn({ type: 'varchar', length: 128 })
  jobId!: string;

  @Column({ type: 'varchar', length: 64 })
  jobName!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  processedAt!: Date;

  @Column({ type: 'jsonb', nullable: true })
  result!: Record<string, unknown> | null;
}
