import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { TagType, TagEntity } from '../tag';
import { UserEntity, UserType } from '../user';
import { ProductTagEntity } from './product-tag.entity';

export interface ProductLoaders {
  owner: DataLoader<string, UserType>;
  tags: DataLoader<string, TagType[]>;
}

/**
 * Per-request DataLoaders for Product.owner and Product.tags: a page costs
 * one statement per relation, whatever its size. Kept on the request object
 * (a WeakMap), so nothing is shared between requests or tenants.
 */
@Injectable()
export class ProductLoaderFactory {
  private readonly perRequest = new WeakMap<object, ProductLoaders>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  for(request: object, tenantId: string): ProductLoaders {
    let loaders = this.perRequest.get(request);
    if (!loaders) {
      loaders = { owner: this.ownerLoader(), tags: this.tagsLoader(tenantId) };
      this.perRequest.set(request, loaders);
    }
    return loaders;
  }

  private ownerLoader(): DataLoader<string, UserType> {
    return new DataLoader(async (ids) => {
      const users = await this.dataSource.getRepository(UserEntity).findBy({ id: In([...ids]) });
      const byId = new Map(users.map((u) => [u.id, UserType.from(u)]));
      return ids.map((id) => byId.get(id) ?? new Error(`user ${id} not found`));
    });
  }

  private tagsLoader(tenantId: string): DataLoader<string, TagType[]> {
    return new DataLoader(async (productIds) => {
      const rows = await this.dataSource
        .getRepository(ProductTagEntity)
        .createQueryBuilder('pt')
        .innerJoinAndMapOne('pt.tag', TagEntity, 't', 't.id = pt.tag_id')
        .where('pt.product_id IN (:...productIds) AND pt.tenant_id = :tenantId', {
          productIds: [...productIds],
          tenantId,
        })
        .orderBy('t.name', 'ASC')
        .addOrderBy('t.id', 'ASC')
        .getMany();
      const byProduct = new Map<string, TagType[]>(productIds.map((id) => [id, []]));
      for (const row of rows) if (row.tag) byProduct.get(row.productId)?.push(TagType.from(row.tag));
      return productIds.map((id) => byProduct.get(id) ?? []);
    });
  }
}
