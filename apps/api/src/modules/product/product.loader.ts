import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { DbScope } from '@app/database';
import { TagType } from '../tag';
import { UserType, joinedUser, userColumns, type UserColumns } from '../user';

export interface ProductLoaders {
  owner: DataLoader<string, UserType>;
  tags: DataLoader<string, TagType[]>;
}

/**
 * DataLoaders for Product.owner and Product.tags, new for each page (or
 * single answer, or subscription event): a page costs one statement per
 * relation, whatever its size, and nothing is cached across requests or
 * tenants.
 */
@Injectable()
export class ProductLoaderFactory {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  create(tenantId: string): ProductLoaders {
    return { owner: this.ownerLoader(), tags: this.tagsLoader(tenantId) };
  }

  private ownerLoader(): DataLoader<string, UserType> {
    return new DataLoader(async (ids) => {
      // Plain SQL: this runs on every page, and entity hydration is measurable there (docs/benchmarks.md).
      // Users belong to many tenants and have no row-level security: no scope, so no transaction around it.
      const rows = await DbScope.run({}, () =>
        this.dataSource.query<UserColumns<'user'>[]>(
          `SELECT ${userColumns('u', 'user')} FROM users u WHERE u.id = ANY($1::uuid[])`,
          [[...ids]],
        ),
      );
      const byId = new Map(rows.map((row) => [row.userId, UserType.from(joinedUser(row, 'user'))]));
      return ids.map((id) => byId.get(id) ?? new Error(`user ${id} not found`));
    });
  }

  private tagsLoader(tenantId: string): DataLoader<string, TagType[]> {
    return new DataLoader(async (productIds) => {
      // The loader's own tenant, not the request's: a subscription event resolves outside any request.
      const rows = await DbScope.run({ tenantId }, () =>
        this.dataSource.query<{ product_id: string; id: string; name: string; created_at: Date }[]>(
          `SELECT pt.product_id, t.id, t.name, t.created_at
             FROM product_tags pt JOIN tags t ON t.id = pt.tag_id
            WHERE pt.product_id = ANY($1::uuid[]) AND pt.tenant_id = $2
            ORDER BY t.name, t.id`,
          [[...productIds], tenantId],
        ),
      );
      const byProduct = new Map<string, TagType[]>(productIds.map((id) => [id, []]));
      for (const row of rows) {
        byProduct
          .get(row.product_id)
          ?.push(Object.assign(new TagType(), { id: row.id, name: row.name, createdAt: row.created_at }));
      }
      return productIds.map((id) => byProduct.get(id) ?? []);
    });
  }
}
