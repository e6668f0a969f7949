import { Field, ObjectType } from '@nestjs/graphql';

/** The contract's `PageInfo` (Relay's shape; every field nullable as the contract says). */
@ObjectType('PageInfo')
export class PageInfo {
  @Field(() => Boolean, { nullable: true })
  hasNextPage!: boolean | null;

  @Field(() => Boolean, { nullable: true })
  hasPreviousPage!: boolean | null;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}
