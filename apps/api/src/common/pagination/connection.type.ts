import type { Type } from '@nestjs/common';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { PageInfo } from './page-info.type';

/** What a connection resolver returns. `totalCount` is a getter: its COUNT runs only when selected. */
export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  readonly totalCount: Promise<number>;
}

/**
 * `<Name>Connection { edges: [<Name>Edge!]! pageInfo: PageInfo! totalCount: Int! }`
 * and `<Name>Edge { cursor: String! node: <Name>! }`, as the contract spells them.
 */
export function ConnectionType<T>(node: Type<T>, name: string): Type<unknown> {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => String, { description: 'Opaque; pass it as `after` or `before`.' })
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class Connection {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Counted only when selected.' })
    totalCount!: number;
  }

  return Connection;
}
