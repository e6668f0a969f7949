/**
 * The Apollo Client 4 recipe of docs/clients/apollo.md, as a module: the doc
 * shows these pieces, and apollo-client.e2e-spec.ts drives them against the
 * built API (a test checks every snippet of the doc is in this file).
 */
import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, InMemoryCache, gql } from '@apollo/client';
import type { FieldPolicy, Reference, TypedDocumentNode } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { Kind, OperationTypeNode, type DocumentNode } from 'graphql';
import { createClient } from 'graphql-ws';
import { Observable } from 'rxjs';
import WebSocket from 'ws';

// ---8<--- paging-policy
interface Connection {
  edges: { cursor: string; node: Reference }[];
  pageInfo: {
    hasNextPage?: boolean | null;
    hasPreviousPage?: boolean | null;
    startCursor?: string | null;
    endCursor?: string | null;
  };
  totalCount?: number;
}

/**
 * The contract's connections take `paging: { first, after }` or `{ last, before }`
 * (not Relay's top-level arguments, so `relayStylePagination()` does not fit):
 * one cached list per filter and sorting; a page with `after` is appended, one
 * with `before` prepended, a page with neither replaces the list.
 */
export function pagingConnection(keyArgs: string[] = ['filter', 'sorting']): FieldPolicy<Connection> {
  return {
    keyArgs,
    merge(existing, incoming, { args }) {
      const paging = (args?.['paging'] ?? {}) as { after?: string; before?: string };
      if (!existing || (!paging.after && !paging.before)) return incoming;
      if (paging.after) {
        return {
          ...existing,
          ...incoming,
          edges: [...existing.edges, ...incoming.edges],
          pageInfo: {
            ...existing.pageInfo,
            hasNextPage: incoming.pageInfo.hasNextPage,
            endCursor: incoming.pageInfo.endCursor,
          },
        };
      }
      return {
        ...existing,
        ...incoming,
        edges: [...incoming.edges, ...existing.edges],
        pageInfo: {
          ...existing.pageInfo,
          hasPreviousPage: incoming.pageInfo.hasPreviousPage,
          startCursor: incoming.pageInfo.startCursor,
        },
      };
    },
  };
}

export const cache = (): InMemoryCache =>
  new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          products: pagingConnection(),
          tags: pagingConnection(),
          members: pagingConnection([]),
          invitations: pagingConnection(),
          auditLogs: pagingConnection([]),
        },
      },
    },
  });
// ---8<---

/** Where the tokens live (a browser app keeps them in memory, the refresh token in secure storage). */
export interface TokenStore {
  accessToken: string | null;
  refreshToken: string | null;
}

// ---8<--- links
/** A document with its result type (GraphQL Code Generator writes these for you: see "Types"). */
export function typed<TData, TVariables extends Record<string, unknown> = Record<string, unknown>>(
  document: DocumentNode,
): TypedDocumentNode<TData, TVariables> {
  return document;
}

const REFRESH = typed<{ refreshToken: { accessToken: string; refreshToken: string } }, { t: string | null }>(gql`
  mutation Refresh($t: String!) {
    refreshToken(input: { refreshToken: $t }) {
      accessToken
      refreshToken
    }
  }
`);

export function createApolloClient(apiUrl: string, tokens: TokenStore): ApolloClient {
  // Every request: the access token. (JSON POSTs pass the API's CSRF prevention; the header covers GETs and uploads.)
  const auth = new SetContextLink((prev) => ({
    headers: {
      ...(prev['headers'] as Record<string, string> | undefined),
      'apollo-require-preflight': 'true',
      ...(tokens.accessToken ? { authorization: `Bearer ${tokens.accessToken}` } : {}),
    },
  }));

  // An expired access token: refresh once (the refresh token rotates), then retry the operation.
  let refreshing: Promise<void> | null = null;
  const refreshLink = new ErrorLink(({ error, operation, forward }) => {
    const expired =
      CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.['code'] === 'UNAUTHENTICATED');
    if (!expired || !tokens.refreshToken || operation.operationName === 'Refresh') return;
    refreshing ??= refresh().finally(() => {
      refreshing = null;
    });
    return new Observable<ApolloLink.Result>((observer) => {
      refreshing
        ?.then(() => {
          forward(operation).subscribe(observer);
        })
        .catch((err: unknown) => {
          observer.error(err);
        });
    });
  });

  const http = new HttpLink({ uri: `${apiUrl}/graphql` });
  // Subscriptions: graphql-ws on the same path; the token goes in connection_init.
  const ws = new GraphQLWsLink(
    createClient({
      url: `${apiUrl.replace(/^http/, 'ws')}/graphql`,
      connectionParams: () => ({ authorization: `Bearer ${tokens.accessToken ?? ''}` }),
      webSocketImpl: WebSocket, // in a browser: leave out
    }),
  );
  const transport = ApolloLink.split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === Kind.OPERATION_DEFINITION && definition.operation === OperationTypeNode.SUBSCRIPTION;
    },
    ws,
    ApolloLink.from([refreshLink, auth, http]),
  );

  const client: ApolloClient = new ApolloClient({ link: transport, cache: cache() });

  async function refresh(): Promise<void> {
    const { data } = await client.mutate({
      mutation: REFRESH,
      variables: { t: tokens.refreshToken },
    });
    if (!data) throw new Error('refresh failed');
    tokens.accessToken = data.refreshToken.accessToken;
    tokens.refreshToken = data.refreshToken.refreshToken;
  }

  return client;
}
// ---8<---

// ---8<--- errors
/** The contract's error code of a failed operation (`extensions.code`), or null for a network error. */
export function errorCode(error: unknown): string | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const code = error.errors[0]?.extensions?.['code'];
  return typeof code === 'string' ? code : null;
}
// ---8<---
