import { buildSchema } from 'graphql';
import { ErrorCode, validateEnv } from '@app/core';
import { GraphQLPipeline, type Cleared, type Refused } from './pipeline';

const schema = buildSchema(`
  input Paging { first: Int }
  type Item { id: ID! name: String! }
  type ItemEdge { node: Item! }
  type ItemConnection { edges: [ItemEdge!]! }
  type Query { items(paging: Paging): ItemConnection! echo(text: String): String }
`);

// A cost limit of 100: a page of 20 items with two fields costs 1 + 20 × (1 + 1 + 1 + 1) = 81.
const pipeline = (): GraphQLPipeline =>
  new GraphQLPipeline(validateEnv({ NODE_ENV: 'test', GRAPHQL_MAX_COST: '100' }), schema);

const codeOf = (result: Cleared | Refused): unknown =>
  'errors' in result ? result.errors[0]?.extensions['code'] : 'cleared';

describe('GraphQLPipeline', () => {
  it('costs an operation without variables once and gives the same verdict every time', () => {
    const p = pipeline();
    const small = { query: '{ items(paging: { first: 20 }) { edges { node { id name } } } }' };
    const big = { query: '{ items(paging: { first: 50 }) { edges { node { id name } } } }' };
    for (let i = 0; i < 3; i++) {
      expect(codeOf(p.clear(small, 'post'))).toBe('cleared');
      expect(codeOf(p.clear(big, 'post'))).toBe(ErrorCode.GRAPHQL_VALIDATION_FAILED);
    }
  });

  it('costs an operation with variables on every request: the same document passes or not by its variables', () => {
    const p = pipeline();
    const query = 'query Page($n: Int) { items(paging: { first: $n }) { edges { node { id name } } } }';
    expect(codeOf(p.clear({ query, variables: { n: 20 } }, 'post'))).toBe('cleared');
    expect(codeOf(p.clear({ query, variables: { n: 50 } }, 'post'))).toBe(ErrorCode.GRAPHQL_VALIDATION_FAILED);
    expect(codeOf(p.clear({ query, variables: { n: 5 } }, 'post'))).toBe('cleared');
  });

  it('keeps the cost of each operation of a document apart (by operationName)', () => {
    const p = pipeline();
    const query = `query Small { items(paging: { first: 10 }) { edges { node { id } } } }
      query Big { items(paging: { first: 90 }) { edges { node { id } } } }`;
    expect(codeOf(p.clear({ query, operationName: 'Small' }, 'post'))).toBe('cleared');
    expect(codeOf(p.clear({ query, operationName: 'Big' }, 'post'))).toBe(ErrorCode.GRAPHQL_VALIDATION_FAILED);
    expect(codeOf(p.clear({ query, operationName: 'Small' }, 'post'))).toBe('cleared');
  });

  it('refuses a NUL in a literal on every request, and one in the variables of a clean document', () => {
    const p = pipeline();
    const literal = { query: '{ echo(text: "a\\u0000b") }' };
    expect(codeOf(p.clear(literal, 'post'))).toBe(ErrorCode.BAD_USER_INPUT);
    expect(codeOf(p.clear(literal, 'post'))).toBe(ErrorCode.BAD_USER_INPUT);
    const query = 'query Echo($t: String) { echo(text: $t) }';
    expect(codeOf(p.clear({ query, variables: { t: 'fine' } }, 'post'))).toBe('cleared');
    expect(codeOf(p.clear({ query, variables: { t: 'a\u0000' } }, 'post'))).toBe(ErrorCode.BAD_USER_INPUT);
  });
});
