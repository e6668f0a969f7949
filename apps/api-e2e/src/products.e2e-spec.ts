import { Client as PgClient } from 'pg';
import {
  graphql,
  jsonLines,
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

const PRODUCT = 'id name price status createdAt updatedAt owner { id email } tags { id name }';
const CREATE = `mutation C($i: CreateProductInput!) { createProduct(input: $i) { ${PRODUCT} } }`;
const UPDATE = `mutation U($i: UpdateProductInput!) { updateProduct(input: $i) { ${PRODUCT} } }`;
const DELETE = `mutation D($id: ID!) { deleteProduct(id: $id) { id name } }`;
const ONE = `query P($id: ID!) { product(id: $id) { ${PRODUCT} } }`;
const LIST = `query L($filter: ProductFilter, $paging: CursorPaging, $sorting: [ProductSort!]) {
  products(filter: $filter, paging: $paging, sorting: $sorting) {
    totalCount edges { cursor node { id name price status owner { email } tags { name } } } pageInfo { hasNextPage endCursor }
  }
}`;

interface Product {
  id: string;
  name: string;
  price: number;
  status: string;
  owner: { id: string; email: string };
  tags: { id: string; name: string }[];
}
type Session = TestSession;
type List = { products: { totalCount: number; edges: { cursor: string; node: Product }[] } };

const code = (res: GraphQLResponse): unknown => res.body.errors?.[0]?.extensions?.['code'];
const fieldsOf = (res: GraphQLResponse): string[] =>
  ((res.body.errors?.[0]?.extensions?.['fields'] ?? []) as { field: string }[]).map((f) => f.field);

describe('products: the reference module over real PostgreSQL', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let pg: PgClient;
  let owner: Session;
  let member: Session;
  let other: Session;
  let stranger: Session;

  const as = (s: Session, requestId?: string) => ({
    authorization: `Bearer ${s.accessToken}`,
    ...(requestId ? { 'x-request-id': requestId } : {}),
  });
  const signUp = (tenantName: string): Promise<Session> => signUpOwner(api.url, tenantName);
  /** A MEMBER of `tenant`, signed in there. */
  const memberOf = (tenant: Session): Promise<Session> => signUpMember(api.url, db.url, tenant);
  async function tag(by: Session, name: string): Promise<string> {
    const res = await graphql<{ createTag: { id: string } }>(
      api.url,
      'mutation T($n: String!) { createTag(input: { name: $n }) { id } }',
      { n: name },
      as(by),
    );
    return res.body.data?.createTag.id ?? '';
  }
  async function create(by: Session, input: Record<string, unknown>): Promise<Product> {
    const res = await graphql<{ createProduct: Product }>(api.url, CREATE, { i: input }, as(by));
    expect(res.body.errors).toBeUndefined();
    return (res.body.data as { createProduct: Product }).createProduct;
  }
  const list = async (by: Session, variables: Record<string, unknown> = {}, requestId?: string) => {
    const res = await graphql<List>(api.url, LIST, variables, as(by, requestId));
    expect(res.body.errors).toBeUndefined();
    return (res.body.data as List).products;
  };

  beforeAll(async () => {
    db = await migratedDatabase();
    api = await startApi(testEnv({ DATABASE_URL: db.appUrl, AUTH_RATE_LIMIT_PER_IP: '1000' }));
    pg = new PgClient({ connectionString: db.url });
    await pg.connect();
    [owner, stranger] = await Promise.all([signUp('Shop Inc'), signUp('Stranger Inc')]);
    [member, other] = await Promise.all([memberOf(owner), memberOf(owner)]);
  });
  afterAll(async () => {
    await pg.end();
    await api.stop('SIGKILL');
    await db.drop();
  });

  it('creates a product with its tags; reads it with its owner and tags', async () => {
    const [a, b] = [await tag(owner, 'Zeta'), await tag(owner, 'Alpha')];
    const product = await create(member, { name: '  Lamp ', price: 19.99, tagIds: [a, b, a] });
    expect(product).toMatchObject({
      name: 'Lamp',
      price: 19.99,
      status: 'ACTIVE',
      owner: { id: member.user.id, email: member.user.email },
      tags: [{ name: 'Alpha' }, { name: 'Zeta' }],
    });
    const read = await graphql<{ product: Product }>(api.url, ONE, { id: product.id }, as(owner));
    expect(read.body.data?.product).toEqual(product);
  });

  it('refuses bad input with the field, and a tag of another tenant without writing anything', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: '', price: 1 }, 'name'],
      [{ name: 'x'.repeat(256), price: 1 }, 'name'],
      [{ name: 'Neg', price: -1 }, 'price'],
      [{ name: 'Cents', price: 1.234 }, 'price'],
      [{ name: 'Huge', price: 100_000_000 }, 'price'],
      [{ name: 'Bad ids', price: 1, tagIds: ['nope'] }, 'tagIds'],
    ];
    for (const [input, field] of cases) {
      const res = await graphql(api.url, CREATE, { i: input }, as(member));
      expect(code(res)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(res)).toContain(field);
    }
    const before = await pg.query('SELECT count(*) FROM products');
    const theirTag = await tag(stranger, `Theirs ${Date.now()}`);
    const mine = await tag(owner, `Mine ${Date.now()}`);
    const res = await graphql(
      api.url,
      CREATE,
      { i: { name: 'Sneaky', price: 1, tagIds: [mine, theirTag] } },
      as(member),
    );
    expect(code(res)).toBe('BAD_USER_INPUT');
    expect(res.body.errors?.[0]?.extensions?.['fields']).toEqual([
      { field: 'tagIds', messages: ['must all be tags of this tenant'] },
    ]);
    expect((await pg.query('SELECT count(*) FROM products')).rows).toEqual(before.rows);
  });

  it('refuses null for a field of updateProduct (left out means unchanged; null is not a value)', async () => {
    const product = await create(member, { name: 'Kept', price: 3 });
    for (const field of ['name', 'price', 'status']) {
      const res = await graphql(api.url, UPDATE, { i: { id: product.id, [field]: null } }, as(member));
      expect(code(res)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(res)).toEqual([field]);
    }
    const row = await pg.query('SELECT name, price, status FROM products WHERE id = $1', [product.id]);
    expect(row.rows).toEqual([{ name: 'Kept', price: '3.00', status: 'ACTIVE' }]);
  });

  it('lets the owner of the product, an OWNER or an ADMIN change it; other members get FORBIDDEN', async () => {
    const product = await create(member, { name: 'Chair', price: 50 });
    const rename = (by: Session, name: string) => graphql(api.url, UPDATE, { i: { id: product.id, name } }, as(by));
    expect(code(await rename(other, 'Mine'))).toBe('FORBIDDEN');
    expect(code(await graphql(api.url, DELETE, { id: product.id }, as(other)))).toBe('FORBIDDEN');
    expect((await rename(member, 'Armchair')).body.data).toMatchObject({ updateProduct: { name: 'Armchair' } });
    expect((await rename(owner, 'Sofa')).body.data).toMatchObject({ updateProduct: { name: 'Sofa', price: 50 } });
  });

  it('replaces the tags only when tagIds is given', async () => {
    const [t1, t2] = [await tag(owner, `One ${Date.now()}`), await tag(owner, `Two ${Date.now()}`)];
    const product = await create(owner, { name: 'Desk', price: 120.5, tagIds: [t1] });
    const priced = await graphql<{ updateProduct: Product }>(
      api.url,
      UPDATE,
      { i: { id: product.id, price: 99.95, status: 'INACTIVE' } },
      as(owner),
    );
    expect(priced.body.data?.updateProduct).toMatchObject({ price: 99.95, status: 'INACTIVE', tags: [{ id: t1 }] });
    const retagged = await graphql<{ updateProduct: Product }>(
      api.url,
      UPDATE,
      { i: { id: product.id, tagIds: [t2] } },
      as(owner),
    );
    expect(retagged.body.data?.updateProduct.tags.map((t) => t.id)).toEqual([t2]);
    // Deleting a tag takes it off the product.
    await graphql(api.url, 'mutation D($id: ID!) { deleteTag(id: $id) { id } }', { id: t2 }, as(owner));
    expect(
      (await graphql<{ product: Product }>(api.url, ONE, { id: product.id }, as(owner))).body.data?.product.tags,
    ).toEqual([]);
  });

  it('soft-deletes: the product is NOT_FOUND and unlisted, its row stays', async () => {
    const product = await create(member, { name: 'Vase', price: 5 });
    const deleted = await graphql(api.url, DELETE, { id: product.id }, as(member));
    expect(deleted.body.data).toEqual({ deleteProduct: { id: product.id, name: 'Vase' } });
    expect(code(await graphql(api.url, ONE, { id: product.id }, as(owner)))).toBe('NOT_FOUND');
    expect(code(await graphql(api.url, DELETE, { id: product.id }, as(owner)))).toBe('NOT_FOUND');
    expect((await list(owner, { paging: { first: 100 } })).edges.some((e) => e.node.id === product.id)).toBe(false);
    const row = await pg.query<{ deleted_at: Date | null }>('SELECT deleted_at FROM products WHERE id = $1', [
      product.id,
    ]);
    expect(row.rows[0]?.deleted_at).toBeInstanceOf(Date);
  });

  it('treats another tenant’s product as NOT_FOUND, and a malformed id as BAD_USER_INPUT', async () => {
    const theirs = await create(stranger, { name: 'Secret', price: 1 });
    expect(code(await graphql(api.url, ONE, { id: theirs.id }, as(owner)))).toBe('NOT_FOUND');
    expect(code(await graphql(api.url, UPDATE, { i: { id: theirs.id, name: 'Mine' } }, as(owner)))).toBe('NOT_FOUND');
    expect(code(await graphql(api.url, DELETE, { id: theirs.id }, as(owner)))).toBe('NOT_FOUND');
    expect(code(await graphql(api.url, ONE, { id: 'nope' }, as(owner)))).toBe('BAD_USER_INPUT');
    expect(code(await graphql(api.url, UPDATE, { i: { id: 'nope' } }, as(owner)))).toBe('BAD_USER_INPUT');
    expect((await list(owner, { paging: { first: 100 } })).edges.some((e) => e.node.id === theirs.id)).toBe(false);
  });

  it('lists newest first, with the contract’s filters and sorting, and keyset paging', async () => {
    const shop = await signUp('Filter Shop');
    const sale = await tag(shop, 'Sale');
    for (const [name, price, status] of [
      ['apple', 1.5, 'ACTIVE'],
      ['banana', 0.25, 'INACTIVE'],
      ['cherry', 12, 'ARCHIVED'],
      ['date', 7.75, 'ACTIVE'],
    ] as const) {
      await create(shop, { name, price, status, tagIds: name === 'cherry' ? [sale] : [] });
    }
    const names = (l: List['products']) => l.edges.map((e) => e.node.name);
    expect(names(await list(shop))).toEqual(['date', 'cherry', 'banana', 'apple']);
    expect(names(await list(shop, { filter: { price: { between: { lower: 1, upper: 10 } } } }))).toEqual([
      'date',
      'apple',
    ]);
    expect(names(await list(shop, { filter: { status: { in: ['INACTIVE', 'ARCHIVED'] } } }))).toEqual([
      'cherry',
      'banana',
    ]);
    expect(names(await list(shop, { filter: { or: [{ name: { iLike: 'A%' } }, { price: { gte: 12 } }] } }))).toEqual([
      'cherry',
      'apple',
    ]);
    const byPrice = await list(shop, { sorting: [{ field: 'price', direction: 'ASC' }], paging: { first: 2 } });
    expect(names(byPrice)).toEqual(['banana', 'apple']);
    expect(byPrice.totalCount).toBe(4);
    const rest = await list(shop, {
      sorting: [{ field: 'price', direction: 'ASC' }],
      paging: { first: 2, after: byPrice.edges[1]?.cursor },
    });
    expect(names(rest)).toEqual(['date', 'cherry']);
    expect(rest.edges[1]?.node.tags).toEqual([{ name: 'Sale' }]);
  });

  it('serves a page of 5 and a page of 50 with the same number of SQL statements', async () => {
    const shop = await signUp('Big Shop');
    // 60 products, each with 2 tags, straight into the tables.
    await pg.query(
      `WITH t AS (
         INSERT INTO tags (tenant_id, name) VALUES ($1, 'red'), ($1, 'blue') RETURNING id),
       p AS (
         INSERT INTO products (tenant_id, owner_id, name, price)
         SELECT $1, $2, 'item ' || i, i FROM generate_series(1, 60) AS i RETURNING id)
       INSERT INTO product_tags (product_id, tag_id, tenant_id) SELECT p.id, t.id, $1 FROM p CROSS JOIN t`,
      [shop.tenant.id, shop.user.id],
    );
    await list(shop, { paging: { first: 1 } }, 'warm-up');
    const page5 = await list(shop, { paging: { first: 5 } }, 'page-of-5');
    const page50 = await list(shop, { paging: { first: 50 } }, 'page-of-50');
    expect(page5.edges).toHaveLength(5);
    expect(page50.edges).toHaveLength(50);
    expect(page50.edges.every((e) => e.node.tags.length === 2 && e.node.owner.email === shop.user.email)).toBe(true);

    const statements = (id: string) =>
      jsonLines(api.lines).filter((l) => l['requestId'] === id && typeof l['sql'] === 'string');
    const finished = (id: string) =>
      jsonLines(api.lines).some((l) => l['requestId'] === id && /^request completed/.test(String(l['msg'])));
    for (let i = 0; i < 100 && !(finished('page-of-5') && finished('page-of-50')); i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    // The page with its COUNT and its owners (both selected: read in the page's statement), then
    // the tags: 2 statements, whatever the size.
    expect(statements('page-of-5')).toHaveLength(2);
    expect(statements('page-of-50')).toHaveLength(2);
    expect(String(statements('page-of-5')[0]?.['sql'])).toMatch(/count\(\*\).*LEFT JOIN users/);
  });
});
