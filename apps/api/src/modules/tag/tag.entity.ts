import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { AbstractEntity } from '@app/database';
import { TenantEntity } from '../tenant';
import { TAG_NAME_MAX_LENGTH, TAG_NAME_UNIQUE } from './tag.constants';

/**
 * A tenant's label for products. Deleted for real (a tag has no history to
 * keep); its links to products go with it.
 */
@Entity('tags')
// An expression index TypeORM cannot describe: created by the migration, left alone by schema diffs.
@Index(TAG_NAME_UNIQUE, { synchronize: false })
// The list's default order (alphabetical), and the foreign key.
@Index('IDX_tags_tenant_name', ['tenantId', 'name', 'id'])
export class TagEntity extends AbstractEntity {
  @Column({ type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'varchar', length: TAG_NAME_MAX_LENGTH })
  name!: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'FK_tags_tenant' })
  tenant?: TenantEntity;
}
