import { Field, GraphQLISODateTime, InputType, type GqlTypeReference } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsDate, IsIn, IsOptional, IsString, ValidateIf, ValidateNested } from 'class-validator';

/**
 * The GraphQL filter inputs of the lists, in nestjs-query's shape (the names
 * and fields clients already use: `StringFieldComparison`, `TagFilter { and
 * or name createdAt }`, …), written here so that the list helper
 * (filterCondition) owns their meaning end to end.
 */

/** GraphQL's type of a comparison's value, as `@Field` takes it. */
type GraphQLTypeOf = () => GqlTypeReference;

/** Checks a value when it is given (undefined: not compared; null: refused, as nestjs-query does). */
const WhenGiven = (): PropertyDecorator => ValidateIf((_o: unknown, v: unknown) => v !== undefined);

interface ComparisonOptions {
  /** GraphQL's type of one value. */
  type: GraphQLTypeOf;
  /** class-validator's check of one value (`each` for lists). */
  check: (each: boolean) => PropertyDecorator;
  /** like/notLike/iLike/notILike. */
  text?: boolean;
  /** between/notBetween, with the input type of a range. */
  range?: new () => object;
}

const ORDER_OPS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'] as const;
const TEXT_OPS = ['like', 'notLike', 'iLike', 'notILike'] as const;

/** A `<Name>` comparison input: is/isNot, the order comparisons, in/notIn, and text or range comparisons. */
export function ComparisonInput(name: string, options: ComparisonOptions): new () => Record<string, unknown> {
  @InputType(name)
  class Comparison {}
  const proto = Comparison.prototype;
  for (const op of ['is', 'isNot']) {
    Field(() => Boolean, { nullable: true })(proto, op);
    IsBoolean()(proto, op);
    IsOptional()(proto, op);
  }
  for (const op of [...ORDER_OPS, ...(options.text ? TEXT_OPS : [])]) {
    Field(options.type, { nullable: true })(proto, op);
    WhenGiven()(proto, op);
    options.check(false)(proto, op);
  }
  for (const op of ['in', 'notIn']) {
    Field(() => [options.type()], { nullable: true })(proto, op);
    WhenGiven()(proto, op);
    options.check(true)(proto, op);
  }
  const range = options.range;
  if (range) {
    for (const op of ['between', 'notBetween']) {
      Field(() => range, { nullable: true })(proto, op);
      ValidateNested()(proto, op);
      Type(() => range)(proto, op);
    }
  }
  return Comparison as new () => Record<string, unknown>;
}

export const StringFieldComparison = ComparisonInput('StringFieldComparison', {
  type: () => String,
  check: (each) => IsString({ each }),
  text: true,
});

@InputType('DateFieldComparisonBetween')
export class DateFieldComparisonBetween {
  @Field(() => GraphQLISODateTime)
  @IsDate()
  lower!: Date;

  @Field(() => GraphQLISODateTime)
  @IsDate()
  upper!: Date;
}

export const DateFieldComparison = ComparisonInput('DateFieldComparison', {
  type: () => GraphQLISODateTime,
  check: (each) => IsDate({ each }),
  range: DateFieldComparisonBetween,
});

/** `<EnumName>FilterComparison` for a registered enum (nestjs-query's shape: the text comparisons included). */
export function EnumComparison(name: string, values: Record<string, string>): new () => Record<string, unknown> {
  return ComparisonInput(`${name}FilterComparison`, {
    type: () => values,
    check: (each) => IsIn(Object.values(values), { each }),
    text: true,
  });
}

/** A list's filter: `and`, `or` and a comparison per field, as the client sends it. */
export interface FilterShape {
  and?: FilterShape[] | null;
  or?: FilterShape[] | null;
  [field: string]: unknown;
}

/**
 * The `<Name>` filter input: `and`, `or` and a comparison input per field
 * (the fields the service maps in `TenantList.fields`).
 */
export function FilterInput(name: string, fields: Record<string, new () => object>): new () => FilterShape {
  @InputType(name)
  class Filter {}
  const proto = Filter.prototype;
  for (const op of ['and', 'or']) {
    Field(() => [Filter], { nullable: true })(proto, op);
    IsOptional()(proto, op);
    ValidateNested({ each: true })(proto, op);
    Type(() => Filter)(proto, op);
  }
  for (const [field, comparison] of Object.entries(fields)) {
    Field(() => comparison, { nullable: true })(proto, field);
    IsOptional()(proto, field);
    ValidateNested()(proto, field);
    Type(() => comparison)(proto, field);
  }
  return Filter as new () => FilterShape;
}
