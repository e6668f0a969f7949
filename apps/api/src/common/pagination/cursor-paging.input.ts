import { Field, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';

/**
 * The contract's `CursorPaging`: `first`/`after` pages forward, `last`/`before`
 * backward. Cursors are opaque strings (ADR 007). `first`/`last` default to
 * 20 and are capped at 100.
 */
@InputType('CursorPaging')
export class CursorPaging {
  @Field(() => Int, { nullable: true, description: 'Page forward: at most this many (default 20, capped at 100).' })
  @IsOptional()
  @IsInt({ message: 'must be an integer' })
  @Min(0, { message: 'must not be negative' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Page forward from this cursor (an edge’s `cursor`).' })
  @IsOptional()
  @IsString()
  @MaxLength(1024, { message: 'is not a valid cursor' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: 'Page backward: at most this many (capped at 100).' })
  @IsOptional()
  @IsInt({ message: 'must be an integer' })
  @Min(0, { message: 'must not be negative' })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Page backward from this cursor.' })
  @IsOptional()
  @IsString()
  @MaxLength(1024, { message: 'is not a valid cursor' })
  before?: string | null;
}
