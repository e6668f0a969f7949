import DataLoader from 'dataloader';
import type { TenantStatements } from '@app/database';
import { TagType } from '../tag';
import { UserType, joinedUser, userColumns, type UserColumns } from '../user';

export interface ProductLoaders {
  owner: DataLoader<string, UserType>;
  tags: DataLoader<string, TagType[]>;
}

/**
 * DataLoaders for Product.owner and Product.tags, new for each page (or
 * single answer, or subscription event) over that read's unit of work: a
 * page costs one statement per relation, whatever its size, every statement
 * runs under the unit of work's scope, and nothing is cached across requests
 * or tenants.
 */
export function productLoaders(work: TenantStatements): ProductLoaders {
  return { owner: ownerLoader(work), tags: tagsLoader(work) };
}

function ownerLoader(work: TenantStatements): DataLoader<string, UserType> {
  return new DataLoader(async (ids) => {
    // Plain SQL: this runs on every page, and entity hydration is measurable there (docs/benchmarks.md).
    const rows = await work.query<UserColumns<'user'>>(
      `SELECT ${userColumns('u', 'user')} FROM users u WHERE u.id = ANY($1::uuid[])`,
      [[...ids]],
    );
    const byId = new Map(rows.map((row) => [row.userId, UserType.from(joinedUser(row, 'user'))]));
    return ids.map((id) => byId.get(id) ?? new Error(`user ${id} not found`));
  });
}

function tagsLoader(work: TenantStatements): DataLoader<string, TagType[]> {
  return new DataLoader(async (productIds) => {
    const rows = await work.query<{ product_id: string; id: string; name: string; created_at: Date }>(
      `SELECT pt.product_id, t.id, t.name, t.created_at
         FROM product_tags pt JOIN tags t ON t.id = pt.tag_id
        WHERE pt.product_id = ANY($1::uuid[]) AND pt.tenant_id = $2
        ORDER BY t.name, t.id`,
      [[...productIds], work.tenantId],
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
