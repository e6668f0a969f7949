import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { AbstractEntity } from '@app/database';
import { UserEntity } from '../../user';

export enum UserTokenPurpose {
  PASSWORD_RESET = 'PASSWORD_RESET',
  EMAIL_VERIFICATION = 'EMAIL_VERIFICATION',
}

/** A single-use token mailed to a user (password reset, email verification); only its hash is stored. */
@Entity('user_tokens')
@Check('CHK_user_tokens_purpose', `"purpose" IN ('PASSWORD_RESET', 'EMAIL_VERIFICATION')`)
export class UserTokenEntity extends AbstractEntity {
  @Index('IDX_user_tokens_user_id')
  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'varchar', length: 32 })
  purpose!: UserTokenPurpose;

  @Index('UQ_user_tokens_token_hash', { unique: true })
  @Column({ type: 'char', length: 64 })
  tokenHash!: string;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_user_tokens_user' })
  user?: UserEntity;
}
