// `yarn seed`: idempotent demo data for local development (never run in production).
// Two tenants, so that isolation can be seen: "Demo Inc" (an owner, an admin and a
// member) and "Acme Corp" (its own owner), each with tags and products in several
// statuses and prices (enough for two pages and for filters), all with the password below.
import 'reflect-metadata';
import { DataSource, type EntityManager } from 'typeorm';
import { loadEnvOrExit } from '@app/core';
import { dataSourceOptions } from '@app/database';
import { Role } from '../common/role.enum';
import { PasswordService } from '../modules/auth';
import { MembershipEntity } from '../modules/membership';
import { ProductEntity, ProductStatus, ProductTagEntity } from '../modules/product';
import { TagEntity } from '../modules/tag';
import { TenantEntity } from '../modules/tenant';
import { UserEntity } from '../modules/user';
import { ENTITIES, MIGRATIONS } from './registry';

export const DEMO_PASSWORD = 'demo-password-2026';

interface DemoTenant {
  name: string;
  slug: string;
  users: { email: string; name: string; role: Role }[];
  tags: string[];
  /** Product names; prices and statuses follow from the position. */
  products: string[];
}

const ITEMS = ['Desk', 'Chair', 'Lamp', 'Shelf', 'Monitor', 'Keyboard', 'Mouse', 'Headset', 'Webcam', 'Dock'];
const KINDS = ['Basic', 'Pro', 'Studio', 'Compact'];

export const DEMO_TENANTS: DemoTenant[] = [
  {
    name: 'Demo Inc',
    slug: 'demo',
    users: [
      { email: 'owner@demo.localhost', name: 'Olivia Owner', role: Role.OWNER },
      { email: 'admin@demo.localhost', name: 'Adam Admin', role: Role.ADMIN },
      { email: 'member@demo.localhost', name: 'Mia Member', role: Role.MEMBER },
    ],
    tags: ['office', 'audio', 'video', 'ergonomic', 'sale', 'new'],
    // 40 products: two pages of the default 20.
    products: KINDS.flatMap((kind) => ITEMS.map((item) => `${item} ${kind}`)),
  },
  {
    name: 'Acme Corp',
    slug: 'acme',
    users: [{ email: 'owner@acme.localhost', name: 'Otto Acme', role: Role.OWNER }],
    tags: ['warehouse', 'rocket'],
    products: ['Anvil', 'Rocket Skates', 'Giant Magnet', 'Spring Shoes', 'Portable Hole', 'Jet Pack'],
  },
];

const STATUSES = [
  ProductStatus.ACTIVE,
  ProductStatus.ACTIVE,
  ProductStatus.ACTIVE,
  ProductStatus.INACTIVE,
  ProductStatus.ARCHIVED,
];

/** Creates what is missing of one demo tenant; returns how many users and products it created. */
async function seedTenant(
  m: EntityManager,
  demo: DemoTenant,
  passwordHash: string,
): Promise<{ users: number; products: number }> {
  let tenant = await m.getRepository(TenantEntity).findOneBy({ slug: demo.slug });
  tenant ??= await m.getRepository(TenantEntity).save({ name: demo.name, slug: demo.slug });
  const tenantId = tenant.id;
  let users = 0;
  const ids: string[] = [];
  for (const person of demo.users) {
    let user = await m.getRepository(UserEntity).findOneBy({ email: person.email });
    if (!user) {
      user = await m
        .getRepository(UserEntity)
        .save({ email: person.email, name: person.name, passwordHash, emailVerifiedAt: new Date() });
      users++;
    }
    ids.push(user.id);
    const member = await m.getRepository(MembershipEntity).findOneBy({ userId: user.id, tenantId });
    if (!member) await m.getRepository(MembershipEntity).save({ userId: user.id, tenantId, role: person.role });
  }

  const tags: TagEntity[] = [];
  for (const name of demo.tags) {
    tags.push(
      (await m.getRepository(TagEntity).findOneBy({ tenantId, name })) ??
        (await m.getRepository(TagEntity).save({ tenantId, name })),
    );
  }

  let products = 0;
  for (const [i, name] of demo.products.entries()) {
    if (await m.getRepository(ProductEntity).findOneBy({ tenantId, name })) continue;
    const product = await m.getRepository(ProductEntity).save({
      tenantId,
      // Owned by the tenant's people in turn (the member's own products among them).
      ownerId: ids[i % ids.length],
      name,
      price: Math.round((9.99 + ((i * 37) % 500) + (i % 4) * 0.5) * 100) / 100,
      status: STATUSES[i % STATUSES.length] ?? ProductStatus.ACTIVE,
    });
    // One to three tags each.
    const chosen = new Set([i % tags.length, (i * 5 + 1) % tags.length, (i * 3) % tags.length].map((k) => tags[k]));
    const links = [...chosen].slice(0, 1 + (i % 3)).map((tag) => ({ productId: product.id, tagId: tag.id, tenantId }));
    if (links.length > 0) await m.getRepository(ProductTagEntity).save(links);
    products++;
  }
  return { users, products };
}

async function main(): Promise<void> {
  const env = loadEnvOrExit();
  if (env.NODE_ENV === 'production') {
    process.stderr.write('[seed] refusing to seed a production database\n');
    process.exit(1);
  }
  const ds = new DataSource(
    dataSourceOptions({
      // The owner of the tables: the demo data spans tenants (row-level security, ADR 013).
      url: env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL,
      entities: ENTITIES,
      migrations: MIGRATIONS,
    }),
  );
  await ds.initialize();
  const passwordHash = await new PasswordService().hash(DEMO_PASSWORD);
  const created = await ds.transaction(async (m) => {
    const counts = { users: 0, products: 0 };
    for (const demo of DEMO_TENANTS) {
      const one = await seedTenant(m, demo, passwordHash);
      counts.users += one.users;
      counts.products += one.products;
    }
    return counts;
  });
  await ds.destroy();
  process.stdout.write(
    `[seed] demo tenants "demo" and "acme" ready (${created.users} user(s), ${created.products} product(s) created)\n`,
  );
}

void main();
