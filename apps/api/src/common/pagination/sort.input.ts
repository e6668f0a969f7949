import { Field, InputType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsIn } from 'class-validator';

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, { name: 'SortDirection', description: 'Sort Directions' });

/** One sort term of a list: which field, which way. */
export interface SortTerm<F extends string> {
  field: F;
  direction: SortDirection;
}

/**
 * The GraphQL `<Name>Sort` input and its `<Name>SortFields` enum from a
 * TypeScript enum: the same enum types the service's column map
 * (`TenantList.fields`), so the two cannot drift apart.
 */
export function SortInput<E extends Record<string, string>>(name: string, fields: E): new () => SortTerm<E[keyof E]> {
  registerEnumType(fields, { name: `${name}SortFields` });

  @InputType(`${name}Sort`)
  class Sort implements SortTerm<E[keyof E]> {
    @Field(() => fields)
    @IsIn(Object.values(fields))
    field!: E[keyof E];

    @Field(() => SortDirection)
    @IsEnum(SortDirection)
    direction!: SortDirection;
  }
  return Sort;
}
