#!/usr/bin/env node
// The raw baseline of `yarn bench`: fastify + pg answering the same page as the
// API's `products(paging: { first: 20 }) { totalCount edges { node { id name
// price owner { email } tags { name } } } }` with the same SQL-level work (the
// page, its COUNT, the owners, the tags: 4 statements), and no framework,
// GraphQL, auth or logging. Listens on 127.0.0.1:$PORT; tenant from ?tenant=.
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const app = Fastify({ logger: false });

app.get('/products', async (request) => {
  const tenantId = request.query.tenant;
  const first = Math.min(Number(request.query.first ?? 20), 100);
  const [page, count] = await Promise.all([
    pool.query(
      `SELECT id, name, price, owner_id, created_at::text AS c FROM products
        WHERE tenant_id = $1 AND deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT $2`,
      [tenantId, first + 1],
    ),
    pool.query('SELECT count(*)::int AS n FROM products WHERE tenant_id = $1 AND deleted_at IS NULL', [tenantId]),
  ]);
  const rows = page.rows.slice(0, first);
  const ownerIds = [...new Set(rows.map((r) => r.owner_id))];
  const [owners, tags] = await Promise.all([
    pool.query('SELECT id, email FROM users WHERE id = ANY($1::uuid[])', [ownerIds]),
    pool.query(
      `SELECT pt.product_id, t.name FROM product_tags pt JOIN tags t ON t.id = pt.tag_id
        WHERE pt.product_id = ANY($1::uuid[]) AND pt.tenant_id = $2 ORDER BY t.name, t.id`,
      [rows.map((r) => r.id), tenantId],
    ),
  ]);
  const ownerById = new Map(owners.rows.map((o) => [o.id, { email: o.email }]));
  const tagsByProduct = new Map();
  for (const t of tags.rows) {
    if (!tagsByProduct.has(t.product_id)) tagsByProduct.set(t.product_id, []);
    tagsByProduct.get(t.product_id).push({ name: t.name });
  }
  return {
    data: {
      products: {
        totalCount: count.rows[0].n,
        edges: rows.map((r) => ({
          cursor: Buffer.from(JSON.stringify([r.c, r.id])).toString('base64url'),
          node: {
            id: r.id,
            name: r.name,
            price: Number(r.price),
            owner: ownerById.get(r.owner_id),
            tags: tagsByProduct.get(r.id) ?? [],
          },
        })),
      },
    },
  };
});

await app.listen({ port: Number(process.env.PORT ?? 3100), host: '127.0.0.1' });
process.stdout.write(`raw baseline listening on ${process.env.PORT ?? 3100}\n`);
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    void app
      .close()
      .then(() => pool.end())
      .then(() => process.exit(0));
  });
}
