import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Column } from 'typeorm';
import { TagEntity } from '../tag';
import { TenantEntity } from '../tenant';
import { ProductEntity } from './product.entity';

/** A product's tag (M:N). Carries the tenant, so row-level security can see whose it is. */
@Entity('product_tags')
export class ProductTagEntity {
  @PrimaryColumn({ type: 'uuid' })
  productId!: string;

  @Index('IDX_product_tags_tag_id')
  @PrimaryColumn({ type: 'uuid' })
  tagId!: string;

  @Index('IDX_product_tags_tenant_id')
  @Column({ type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => ProductEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'product_id', foreignKeyConstraintName: 'FK_product_tags_product' })
  product?: ProductEntity;

  @ManyToOne(() => TagEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tag_id', foreignKeyConstraintName: 'FK_product_tags_tag' })
  tag?: TagEntity;

  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'FK_product_tags_tenant' })
  tenant?: TenantEntity;
}
