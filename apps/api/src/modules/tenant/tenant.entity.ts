import { Column, Entity, Index } from 'typeorm';
import { AbstractEntity } from '@app/database';

@Entity('tenants')
export class TenantEntity extends AbstractEntity {
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** Derived from the name, unique (a numeric suffix resolves clashes). */
  @Index('UQ_tenants_slug', { unique: true })
  @Column({ type: 'varchar', length: 120 })
  slug!: string;
}
