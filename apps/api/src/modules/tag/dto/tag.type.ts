import { Field, ID, ObjectType } from '@nestjs/graphql';
import { FilterableField } from '@ptc-org/nestjs-query-graphql';
import { ConnectionType } from '../../../common/pagination';
import type { TagEntity } from '../tag.entity';

/** The contract's `Tag`. Filterable fields feed `TagFilter` and `TagSortFields`. */
@ObjectType('Tag')
export class TagType {
  @Field(() => ID)
  id!: string;

  @FilterableField({ description: 'Unique per tenant, case-insensitive.' })
  name!: string;

  @FilterableField()
  createdAt!: Date;

  static from(tag: Pick<TagEntity, 'id' | 'name' | 'createdAt'>): TagType {
    return Object.assign(new TagType(), { id: tag.id, name: tag.name, createdAt: tag.createdAt });
  }
}

export const TagConnection = ConnectionType(TagType, 'Tag');
