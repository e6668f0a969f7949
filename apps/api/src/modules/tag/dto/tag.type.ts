import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../../../common/pagination';
import type { TagEntity } from '../tag.entity';

/** The contract's `Tag`. */
@ObjectType('Tag')
export class TagType {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Unique per tenant, case-insensitive.' })
  name!: string;

  @Field()
  createdAt!: Date;

  static from(tag: Pick<TagEntity, 'id' | 'name' | 'createdAt'>): TagType {
    return Object.assign(new TagType(), { id: tag.id, name: tag.name, createdAt: tag.createdAt });
  }
}

export const TagConnection = ConnectionType(TagType, 'Tag');
