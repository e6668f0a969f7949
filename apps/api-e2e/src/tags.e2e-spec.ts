import {
  graphql,
  migratedDatabase,
  signUpMember,
  signUpOwner,
  startApi,
  testEnv,
  type GraphQLResponse,
  type RunningApi,
  type TestDatabase,
  type TestSession,
} from '@app/testing';

const TAG = 'id name createdAt';
const CREATE = `mutation C($i: CreateTagInput!) { createTag(input: $i) { ${TAG} } }`;
const UPDATE = `mutation U($i: UpdateTagInput!) { updateTag(input: $i) { ${TAG} } }`;
const DELETE = `mutation D($id: ID!) { deleteTag(id: $id) { ${TAG} } }`;
const ONE = `query T($id: ID!) { tag(id: $id) { ${TAG} } }`;
const LIST = `query L($filter: TagFilter, $paging: CursorPaging, $sorting: [TagSort!]) {
  tags(filter: $filter, paging: $paging, sorting: $sorting) {
    totalCount edges { cursor node { ${TAG} } } pageInfo { hasNextPage endCursor }
  }
}`;

interface Tag {
  id: string;
  name: string;
  createdAt: string;
}
type Session = TestSession;
type List = { tags: { totalCount: number; edges: { cursor: string; node: Tag }[] } };

const code = (res: GraphQLResponse): unknown => res.body.errors?.[0]?.extensions?.['code'];

describe('tags: tenant-scoped, unique per tenant whatever the case', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let owner: Session;
  let member: Session;
  let stranger: Session;

  const as = (s: Session) => ({ authorization: `Bearer ${s.accessToken}` });
  const signUp = (tenantName: string): Promise<Session> => signUpOwner(api.url, tenantName);
  async function create(by: Session, name: string): Promise<Tag> {
    const res = await graphql<{ createTag: Tag }>(api.url, CREATE, { i: { name } }, as(by));
    expect(res.body.errors).toBeUndefined();
    return (res.body.data as { createTag: Tag }).createTag;
  }
  const list = async (by: Session, variables: Record<string, unknown> = {}) => {
    const res = await graphql<List>(api.url, LIST, variables, as(by));
    expect(res.body.errors).toBeUndefined();
    return (res.body.data as List).tags;
  };

  beforeAll(async () => {
    db = await migratedDatabase();
    api = await startApi(testEnv({ DATABASE_URL: db.appUrl, AUTH_RATE_LIMIT_PER_IP: '1000' }));
    [owner, stranger] = await Promise.all([signUp('Tagging Inc'), signUp('Stranger Inc')]);
    // A MEMBER of the owner's tenant (invitations have their own tests).
    member = await signUpMember(api.url, db.url, owner);
  });
  afterAll(async () => {
    await api.stop('SIGKILL');
    await db.drop();
  });

  it('creates, reads, renames and deletes a tag', async () => {
    const tag = await create(member, '  Summer Sale ');
    expect(tag.name).toBe('Summer Sale');
    expect((await graphql(api.url, ONE, { id: tag.id }, as(owner))).body.data).toEqual({ tag });
    const renamed = await graphql<{ updateTag: Tag }>(
      api.url,
      UPDATE,
      { i: { id: tag.id, name: 'Winter Sale' } },
      as(member),
    );
    expect(renamed.body.data?.updateTag).toMatchObject({ id: tag.id, name: 'Winter Sale' });
    // A MEMBER may not delete; an ADMIN or OWNER may.
    expect(code(await graphql(api.url, DELETE, { id: tag.id }, as(member)))).toBe('FORBIDDEN');
    const deleted = await graphql<{ deleteTag: Tag }>(api.url, DELETE, { id: tag.id }, as(owner));
    expect(deleted.body.data?.deleteTag).toMatchObject({ id: tag.id, name: 'Winter Sale' });
    expect(code(await graphql(api.url, ONE, { id: tag.id }, as(owner)))).toBe('NOT_FOUND');
    expect(code(await graphql(api.url, DELETE, { id: tag.id }, as(owner)))).toBe('NOT_FOUND');
  });

  it('refuses a name the tenant already has in any case (CONFLICT), even when two requests race', async () => {
    const base = `Dup ${Date.now()}`;
    await create(owner, base);
    expect(code(await graphql(api.url, CREATE, { i: { name: base.toUpperCase() } }, as(owner)))).toBe('CONFLICT');
    const other = await create(owner, `${base} other`);
    const clash = await graphql(api.url, UPDATE, { i: { id: other.id, name: base.toLowerCase() } }, as(owner));
    expect(code(clash)).toBe('CONFLICT');
    // Another tenant may use the same name.
    expect((await create(stranger, base)).name).toBe(base);
    const race = `Race ${Date.now()}`;
    const results = await Promise.all(
      Array.from({ length: 5 }, () => graphql(api.url, CREATE, { i: { name: race } }, as(owner))),
    );
    expect(results.map(code).sort()).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT', undefined]);
  });

  it('validates names: BAD_USER_INPUT with the field', async () => {
    for (const name of ['', '   ', 'x'.repeat(101)]) {
      const res = await graphql(api.url, CREATE, { i: { name } }, as(owner));
      expect(code(res)).toBe('BAD_USER_INPUT');
      expect((res.body.errors?.[0]?.extensions?.['fields'] as { field: string }[])[0]?.field).toBe('name');
    }
    const badId = await graphql(api.url, UPDATE, { i: { id: 'nope', name: 'x' } }, as(owner));
    expect(code(badId)).toBe('BAD_USER_INPUT');
    expect(code(await graphql(api.url, ONE, { id: 'nope' }, as(owner)))).toBe('BAD_USER_INPUT');
  });

  it('treats another tenant’s tag as NOT_FOUND for every operation', async () => {
    const theirs = await create(stranger, `Theirs ${Date.now()}`);
    expect(code(await graphql(api.url, ONE, { id: theirs.id }, as(owner)))).toBe('NOT_FOUND');
    expect(code(await graphql(api.url, UPDATE, { i: { id: theirs.id, name: 'Mine now' } }, as(owner)))).toBe(
      'NOT_FOUND',
    );
    expect(code(await graphql(api.url, DELETE, { id: theirs.id }, as(owner)))).toBe('NOT_FOUND');
    expect((await list(owner, { paging: { first: 100 } })).edges.some((e) => e.node.id === theirs.id)).toBe(false);
    // It is untouched.
    expect((await graphql(api.url, ONE, { id: theirs.id }, as(stranger))).body.data).toEqual({ tag: theirs });
  });

  it('lists alphabetically by default, with filters, sorting and keyset paging', async () => {
    const tenant = await signUp('Listing Tags Inc');
    for (const name of ['delta', 'Alpha', 'charlie', 'bravo']) await create(tenant, name);
    const names = (l: { edges: { node: Tag }[] }) => l.edges.map((e) => e.node.name);
    expect(names(await list(tenant))).toEqual(['Alpha', 'bravo', 'charlie', 'delta']);
    expect((await list(tenant)).totalCount).toBe(4);
    expect(names(await list(tenant, { filter: { name: { iLike: '%A%' } } }))).toEqual([
      'Alpha',
      'bravo',
      'charlie',
      'delta',
    ]);
    expect(names(await list(tenant, { filter: { name: { in: ['delta', 'bravo'] } } }))).toEqual(['bravo', 'delta']);
    expect(names(await list(tenant, { sorting: [{ field: 'createdAt', direction: 'DESC' }] }))).toEqual([
      'bravo',
      'charlie',
      'Alpha',
      'delta',
    ]);
    const first = await list(tenant, { paging: { first: 3 } });
    expect(names(first)).toEqual(['Alpha', 'bravo', 'charlie']);
    const next = await list(tenant, { paging: { first: 3, after: first.edges[2]?.cursor } });
    expect(names(next)).toEqual(['delta']);
  });
});
