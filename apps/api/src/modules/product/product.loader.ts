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
