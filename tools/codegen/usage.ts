/**
 * What a frontend writes with the generated types (codegen.ts): the codegen
 * step of `yarn test:all` generates tmp/codegen/ and type-checks this file
 * with `tsc --strict` (tools/codegen/tsconfig.json). The `@ts-expect-error`
 * lines fail the check if the generated types ever degrade to `any`.
 * Not linted (it imports generated code that a fresh clone does not have yet).
 */
import type { ApolloClient } from '@apollo/client';
import { CreateProductDocument, ProductChangedDocument, ProductsDocument } from '../../tmp/codegen/graphql';
import type { ProductFieldsFragment, ProductStatus } from '../../tmp/codegen/graphql';

export async function activeProductNames(client: ApolloClient, after?: string): Promise<string[]> {
  const { data } = await client.query({ query: ProductsDocument, variables: { first: 20, after, status: 'ACTIVE' } });
  if (!data) return [];
  const total: number = data.products.totalCount;
  const next: string | null = data.products.pageInfo.endCursor;
  void total;
  void next;
  return data.products.edges.map((edge) => edge.node.name);
}

export async function createProduct(client: ApolloClient, name: string): Promise<ProductFieldsFragment | undefined> {
  const { data } = await client.mutate({
    mutation: CreateProductDocument,
    variables: { input: { name, price: 9.99, status: 'ACTIVE' } },
  });
  return data?.createProduct;
}

export function watchChanges(client: ApolloClient, onChange: (price: number, status: ProductStatus) => void): void {
  client.subscribe({ query: ProductChangedDocument }).subscribe(({ data }) => {
    if (data) onChange(data.productChanged.price, data.productChanged.status);
  });
}

export async function typeErrorsAreCaught(client: ApolloClient): Promise<void> {
  // @ts-expect-error `first` is required by the Products operation
  await client.query({ query: ProductsDocument, variables: { status: 'ACTIVE' } });
  // @ts-expect-error not a ProductStatus
  await client.query({ query: ProductsDocument, variables: { first: 5, status: 'SOLD' } });
  const { data } = await client.query({ query: ProductsDocument, variables: { first: 5 } });
  // @ts-expect-error price is a number, not a string
  const price: string | undefined = data?.products.edges[0]?.node.price;
  void price;
}
