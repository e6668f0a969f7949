import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { AbstractEntity } from '@app/database';
import { TenantEntity } from '../tenant';
import { UserEntity } from '../user';
import { PRODUCT_NAME_MAX_LENGTH, ProductStatus } from './product.constants';

/** numeric comes back from pg as a string; prices are plain numbers with at most 2 decimals. */
const money = {
  to: (value: number | null | undefined): number | null | undefined => value,
  from: (value: string | null): number | null => (value === null ? null : Number(value)),
};

/** A tenant's product. Soft-deleted: `deleted_at` set, then invisible (NOT_FOUND). */
@Entity('products')
@Check('CHK_products_price', `"price" >= 0`)
@Check('CHK_products_status', `"status" IN ('ACTIVE', 'INACTIVE', 'ARCHIVED')`)
// The default order of the list (newest first, scanned backward) on live rows only.
@Index('IDX_products_tenant_created_live', ['tenantId', 'createdAt', 'id'], { where: '"deleted_at" IS NULL' })
export class ProductEntity extends AbstractEntity {
  @Column({ type: 'uuid' })
  tenantId!: string;

  @Index('IDX_products_owner_id')
  @Column({ type: 'uuid' })
  ownerId!: string;

  @Column({ type: 'varchar', length: PRODUCT_NAME_MAX_LENGTH })
  name!: string;

  @Column({ type: 'numeric', precision: 10, scale: 2, transformer: money })
  price!: number;

  @Column({ type: 'varchar', length: 16, default: ProductStatus.ACTIVE })
  status!: ProductStatus;

  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'FK_products_tenant' })
  tenant?: TenantEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'FK_products_owner' })
  owner?: UserEntity;
}
