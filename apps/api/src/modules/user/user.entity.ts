import { Check, Column, Entity, Index } from 'typeorm';
import { AbstractEntity } from '@app/database';

@Entity('users')
// The database refuses a mixed-case address, whatever code path writes it: no case-twin accounts.
@Check('CHK_users_email_lowercase', `"email" = lower("email")`)
export class UserEntity extends AbstractEntity {
  /** Stored lower-cased; unique. */
  @Index('UQ_users_email', { unique: true })
  @Column({ type: 'varchar', length: 320 })
  email!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ type: 'timestamptz', nullable: true })
  emailVerifiedAt!: Date | null;
}
