/**
 * GraphQL Code Generator for a frontend (docs/clients/apollo.md, "Types"):
 * the client preset turns the API's schema and a client's operations into
 * TypedDocumentNodes, so `client.query({ query: ProductsDocument })` knows its
 * variables and result. `yarn codegen` runs it on docs/clients/operations.graphql,
 * and `yarn test:all` type-checks the output with `tsc --strict`
 * (tools/codegen/usage.ts). A frontend copies this file and changes the three paths.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'apps/api/schema.graphql',
  documents: ['docs/clients/operations.graphql'],
  generates: {
    'tmp/codegen/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // The API's custom scalar: an ISO-8601 string on the wire.
        scalars: { DateTime: 'string' },
        strictScalars: true,
        enumsAsTypes: true,
        useTypeImports: true,
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
      },
    },
  },
  ignoreNoDocuments: false,
};

export default config;
