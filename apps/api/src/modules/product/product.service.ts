import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ForbiddenException, NotFoundException } from '@app/core';
import { Database, findInTenantOrFail, type TenantStatements } from '@app/database';
import { tenantPage, type ListArgs, type Page, type PageOptions, type TenantList } from '../../common/pagination';
import { Role } from '../../common/role.enum';
import { recordAudit } from '../audit';
import { TagService } from '../tag';
import { userColumns, userOfRow, type UserColumns } from '../user';
import type { CreateProductInput, UpdateProductInput } from './dto/product.inputs';
import type { ProductSortFields } from './dto/product-filter.input';
import { ProductType } from './dto/product.type';
import { ProductTagEntity } from './product-tag.entity';
import { ProductStatus } from './product.constants';
import { ProductEntity } from './product.entity';
import { ProductEvents } from './product.events';
import { productLoaders } from './product.loader';
import { callerScope, type Caller } from '../../common/caller';

/** A list row: the entity's fields (ProductType.from), price as PostgreSQL prints numeric. */
type ProductRow = Pick<ProductEntity, 'id' | 'name' | 'status' | 'ownerId' | 'createdAt' | 'updatedAt'> & {
  price: string;
};
/** What the products page reads with the page, besides the count: the owners, when the client selects them. */
export interface ListOptions extends PageOptions {
  owner?: boolean;
}

const PRODUCT_COLUMNS =
  'p.id, p.name, p.price, p.status, p.owner_id AS "ownerId", p.created_at AS "createdAt", p.updated_at AS "updatedAt"';

/** The products page: live products of the tenant, newest first unless sorted otherwise. */
const PRODUCTS: TenantList<ProductSortFields> = {
  from: 'products p',
  columns: PRODUCT_COLUMNS,
  tenant: 'p.tenant_id',
  where: () => 'p.deleted_at IS NULL',
  fields: {
    name: { column: 'p.name', type: 'text' },
    price: { column: 'p.price', type: 'numeric' },
    status: { column: 'p.status', type: 'text' },
    createdAt: { column: 'p.created_at', type: 'timestamptz' },
    updatedAt: { column: 'p.updated_at', type: 'timestamptz' },
  },
  defaultOrder: { column: 'p.created_at', type: 'timestamptz', direction: 'DESC' },
  id: 'p.id',
};

/** With the owners read in the page's statement (when the client selects them). */
const PRODUCTS_WITH_OWNER: TenantList<ProductSortFields> = {
  ...PRODUCTS,
  // Users have no row-level security (they belong to many tenants): the join reads the owner, as its loader does.
  join: 'LEFT JOIN users u ON u.id = p.owner_id',
  columns: `${PRODUCT_COLUMNS}, ${userColumns('u', 'ownerUser')}`,
};

/**
 * Products of the caller's tenant: every query filters on the tenant and on
 * live rows; another tenant's (or a deleted) product is NOT_FOUND. Any member
 * creates; the product's owner or an OWNER/ADMIN changes and deletes it.
 * Every change is published (productChanged) once committed.
 */
@Injectable()
export class ProductService {
  constructor(
    private readonly tags: TagService,
    private readonly events: ProductEvents,
    private readonly database: Database,
  ) {}

  /** A page of the products of `work`'s tenant; its relations load through `work` too. */
  list(
    work: TenantStatements,
    args: ListArgs<ProductSortFields>,
    options: ListOptions = {},
  ): Promise<Page<ProductType>> {
    const loaders = productLoaders(work);
    return tenantPage(
      work,
      options.owner ? PRODUCTS_WITH_OWNER : PRODUCTS,
      args,
      // numeric comes back as a string (the entity's transformer does the same).
      (row: ProductRow & Partial<UserColumns<'ownerUser'>>) =>
        ProductType.from({ ...row, price: Number(row.price) }, loaders, userOfRow(row, 'ownerUser')),
      options,
    );
  }

  async findOne(work: TenantStatements, id: string): Promise<ProductType> {
    const rows = await work.query<ProductRow>(
      `SELECT ${PRODUCT_COLUMNS} FROM products p WHERE p.tenant_id = $1 AND p.id = $2 AND p.deleted_at IS NULL`,
      [work.tenantId, id],
    );
    const row = rows.at(0);
    if (!row) throw new NotFoundException('Product');
    return ProductType.from({ ...row, price: Number(row.price) }, productLoaders(work));
  }

  /** The product and its tags in one transaction: a tag of another tenant writes nothing. */
  async create(actor: Caller, input: CreateProductInput): Promise<ProductType> {
    const created = await this.database.transaction(callerScope(actor), async ({ manager }) => {
      const tags = await this.tags.requireAll(manager, actor.tenantId, input.tagIds ?? [], 'tagIds');
      const repo = manager.getRepository(ProductEntity);
      const product = await repo.save(
        repo.create({
          tenantId: actor.tenantId,
          ownerId: actor.userId,
          name: input.name,
          price: input.price,
          status: input.status ?? ProductStatus.ACTIVE,
        }),
      );
      await this.link(
        manager,
        product,
        tags.map((t) => t.id),
      );
      return ProductType.from(product, this.loadersOf(actor));
    });
    await this.events.changed(actor.tenantId, created);
    return created;
  }

  async update(actor: Caller, input: UpdateProductInput): Promise<ProductType> {
    const updated = await this.database.transaction(callerScope(actor), async ({ manager }) => {
      const product = await findInTenantOrFail(
        manager,
        ProductEntity,
        { tenantId: actor.tenantId, id: input.id },
        'Product',
        true,
      );
      this.mayChange(actor, product);
      if (input.tagIds) {
        const tags = await this.tags.requireAll(manager, actor.tenantId, input.tagIds, 'tagIds');
        await manager.getRepository(ProductTagEntity).delete({ productId: product.id });
        await this.link(
          manager,
          product,
          tags.map((t) => t.id),
        );
      }
      if (input.name !== undefined) product.name = input.name;
      if (input.price !== undefined) product.price = input.price;
      if (input.status !== undefined) product.status = input.status;
      // Saved even when only the tags changed: updatedAt says the product changed.
      product.updatedAt = new Date();
      return ProductType.from(await manager.getRepository(ProductEntity).save(product), this.loadersOf(actor));
    });
    await this.events.changed(actor.tenantId, updated);
    return updated;
  }

  /** Soft delete: the row stays (history, references), invisible from now on. */
  async remove(actor: Caller, id: string): Promise<ProductType> {
    const removed = await this.database.transaction(callerScope(actor), async ({ manager }) => {
      const product = await findInTenantOrFail(
        manager,
        ProductEntity,
        { tenantId: actor.tenantId, id },
        'Product',
        true,
      );
      this.mayChange(actor, product);
      product.deletedAt = new Date();
      await manager.getRepository(ProductEntity).update({ id: product.id }, { deletedAt: product.deletedAt });
      await recordAudit(manager, {
        action: 'product.deleted',
        tenantId: actor.tenantId,
        actorUserId: actor.userId,
        resourceType: 'product',
        resourceId: product.id,
        details: { name: product.name },
      });
      return ProductType.from(product, this.loadersOf(actor));
    });
    await this.events.changed(actor.tenantId, removed);
    return removed;
  }

  /** The relations of a product a mutation returns, read after its transaction under the caller's scope. */
  private loadersOf(actor: Caller): ReturnType<typeof productLoaders> {
    return productLoaders(this.database.read({ tenantId: actor.tenantId, userId: actor.userId }));
  }

  private mayChange(actor: Caller, product: ProductEntity): void {
    if (product.ownerId === actor.userId || actor.role === Role.OWNER || actor.role === Role.ADMIN) return;
    throw new ForbiddenException('Only the product’s owner, an owner or an admin may change it');
  }

  private async link(manager: EntityManager, product: ProductEntity, tagIds: string[]): Promise<void> {
    if (tagIds.length === 0) return;
    await manager
      .getRepository(ProductTagEntity)
      .insert(tagIds.map((tagId) => ({ productId: product.id, tagId, tenantId: product.tenantId })));
  }
}
