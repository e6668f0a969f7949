import {
  getIntrospectionQuery,
  type IntrospectionInputTypeRef,
  type IntrospectionQuery,
  type IntrospectionType,
} from 'graphql';
import { graphql, startApi, testEnv, type RunningApi } from '@app/testing';

/** The contract's PUBLIC operations (design/api-contract.graphql), plus apiVersion. Nothing else may be public. */
const PUBLIC = new Set([
  'Query.apiVersion',
  'Mutation.signUp',
  'Mutation.login',
  'Mutation.refreshToken',
  'Mutation.requestPasswordReset',
  'Mutation.resetPassword',
  'Mutation.verifyEmail',
  'Mutation.acceptInvitation',
  'Mutation.declineInvitation',
]);

/**
 * Walks every root field of the schema and calls it with well-typed arguments
 * and no token: each one that is not in PUBLIC must answer UNAUTHENTICATED.
 * A resolver added without thought about auth fails here.
 */
describe('every operation is guarded unless the contract says PUBLIC', () => {
  let api: RunningApi;
  let types: Map<string, IntrospectionType>;
  let schema: IntrospectionQuery['__schema'];

  beforeAll(async () => {
    api = await startApi(testEnv());
    const res = await graphql<IntrospectionQuery>(api.url, getIntrospectionQuery());
    schema = (res.body.data as IntrospectionQuery).__schema;
    types = new Map(schema.types.map((t) => [t.name, t]));
  });
  afterAll(async () => {
    await api.stop('SIGKILL');
  });

  function typeName(ref: IntrospectionInputTypeRef): string {
    if (ref.kind === 'NON_NULL') return `${typeName(ref.ofType)}!`;
    if (ref.kind === 'LIST') return `[${typeName(ref.ofType)}]`;
    return ref.name;
  }

  function sample(ref: IntrospectionInputTypeRef): unknown {
    if (ref.kind === 'NON_NULL') return sample(ref.ofType);
    if (ref.kind === 'LIST') return [sample(ref.ofType)];
    const type = types.get(ref.name);
    if (type?.kind === 'ENUM') return type.enumValues[0]?.name;
    if (type?.kind === 'INPUT_OBJECT') {
      return Object.fromEntries(
        type.inputFields.filter((f) => f.type.kind === 'NON_NULL').map((f) => [f.name, sample(f.type)]),
      );
    }
    switch (ref.name) {
      case 'Int':
      case 'Float':
        return 1;
      case 'Boolean':
        return true;
      case 'ID':
        return '00000000-0000-4000-8000-000000000000';
      case 'DateTime':
        return new Date().toISOString();
      default:
        return 'x';
    }
  }

  function rootFields(
    kind: 'query' | 'mutation',
  ): { root: string; name: string; args: { name: string; type: IntrospectionInputTypeRef }[] }[] {
    const rootName = kind === 'query' ? schema.queryType.name : schema.mutationType?.name;
    const root = rootName ? types.get(rootName) : undefined;
    if (root?.kind !== 'OBJECT') return [];
    return root.fields.map((f) => ({ root: kind === 'query' ? 'Query' : 'Mutation', name: f.name, args: [...f.args] }));
  }

  it('finds the operations to check', () => {
    expect(rootFields('query').length).toBeGreaterThan(1);
    expect(rootFields('mutation').length).toBeGreaterThan(5);
  });

  it('refuses every non-public operation without a token, and lets the contract’s PUBLIC ones through', async () => {
    const unguarded: string[] = [];
    const guardedPublic: string[] = [];
    for (const kind of ['query', 'mutation'] as const) {
      for (const field of rootFields(kind)) {
        const id = `${field.root}.${field.name}`;
        const vars = field.args.map((a, i) => `$a${i}: ${typeName(a.type)}`).join(', ');
        const args = field.args.map((a, i) => `${a.name}: $a${i}`).join(', ');
        const op = `${kind}${vars ? ` (${vars})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection(field)} }`;
        const variables = Object.fromEntries(field.args.map((a, i) => [`a${i}`, sample(a.type)]));
        const res = await graphql(api.url, op, variables);
        const error = res.body.errors?.[0];
        // The guard's own refusal (login's bad-credentials answer is UNAUTHENTICATED too, with another message).
        const refusedByGuard =
          error?.extensions?.['code'] === 'UNAUTHENTICATED' && error.message === 'Authentication required';
        if (PUBLIC.has(id)) {
          if (refusedByGuard) guardedPublic.push(id);
        } else if (!refusedByGuard) {
          unguarded.push(
            `${id} answered ${error ? `${String(error.extensions?.['code'])}: ${error.message}` : 'with data'}`,
          );
        }
      }
    }
    expect(unguarded).toEqual([]);
    expect(guardedPublic).toEqual([]);
  });

  it('has no input field that names the tenant or the acting user (both come from the token)', () => {
    // The contract's one exception: which of the caller's own tenants to sign into (checked against memberships).
    const allowed = new Set(['LoginInput.tenantId']);
    const actorish = /^(tenant(Id)?|actor(Id)?|owner(Id)?|createdBy(Id)?|invitedBy(Id)?|currentUser(Id)?)$/i;
    const offending: string[] = [];
    const matched: string[] = [];
    for (const type of schema.types) {
      if (type.kind !== 'INPUT_OBJECT' || type.name.startsWith('__')) continue;
      for (const f of type.inputFields) {
        if (!actorish.test(f.name)) continue;
        matched.push(`${type.name}.${f.name}`);
        if (!allowed.has(`${type.name}.${f.name}`)) offending.push(`${type.name}.${f.name}`);
      }
    }
    // The walk does see input fields: the allowed exception is found.
    expect(matched).toContain('LoginInput.tenantId');
    for (const kind of ['query', 'mutation'] as const) {
      for (const field of rootFields(kind)) {
        for (const arg of field.args) {
          // switchTenant(tenantId) names the target tenant, checked against the caller's memberships.
          if (actorish.test(arg.name) && `${field.root}.${field.name}` !== 'Mutation.switchTenant') {
            offending.push(`${field.root}.${field.name}(${arg.name})`);
          }
        }
      }
    }
    expect(offending).toEqual([]);
  });

  function selection(field: { root: string; name: string }): string {
    const root = types.get(field.root);
    const def = root?.kind === 'OBJECT' ? root.fields.find((f) => f.name === field.name) : undefined;
    let ref = def?.type;
    while (ref && (ref.kind === 'NON_NULL' || ref.kind === 'LIST')) ref = ref.ofType;
    const named = ref && 'name' in ref ? types.get(ref.name) : undefined;
    return named && (named.kind === 'OBJECT' || named.kind === 'INTERFACE') ? ' { __typename }' : '';
  }
});
