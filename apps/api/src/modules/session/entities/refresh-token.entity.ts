import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { AbstractEntity } from '@app/database';
import { SessionEntity } from './session.entity';

/** One refresh token of a session, stored as its SHA-256 hash; single use. */
@Entity('refresh_tokens')
export class RefreshTokenEntity extends AbstractEntity {
  @Index('IDX_refresh_tokens_session_id')
  @Column({ type: 'uuid' })
  sessionId!: string;

  @Index('UQ_refresh_tokens_token_hash', { unique: true })
  @Column({ type: 'char', length: 64 })
  tokenHash!: string;

  /** Sliding lifetime of this token. */
  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  /** Set when rotated; presenting it again means it was stolen: the family is revoked. */
  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @ManyToOne(() => SessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'FK_refresh_tokens_session' })
  session?: SessionEntity;
}
