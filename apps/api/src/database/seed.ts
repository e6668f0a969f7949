// `yarn seed`: idempotent demo data for local development (never run in production).
// A demo tenant with an owner, an admin and a member, all with the password below.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadEnvOrExit } from '@app/core';
import { dataSourceOptions, runInTransaction } from '@app/database';
import { Role } from '../common/role.enum';
import { PasswordService } from '../modules/auth/password.service';
import { MembershipEntity } from '../modules/membership';
import { TenantEntity } from '../modules/tenant';
import { UserEntity } from '../modules/user';
import { ENTITIES, MIGRATIONS } from './registry';

export const DEMO_PASSWORD = 'demo-password-2026';
export const DEMO_USERS = [
  { email: 'owner@demo.localhost', name: 'Olivia Owner', role: Role.OWNER },
  { email: 'admin@demo.localhost', name: 'Adam Admin', role: Role.ADMIN },
  { email: 'member@demo.localhost', name: 'Mia Member', role: Role.MEMBER },
];

async function main(): Promise<void> {
  const env = loadEnvOrExit();
  if (env.NODE_ENV === 'production') {
    process.stderr.write('[seed] refusing to seed a production database\n');
    process.exit(1);
  }
  const ds = new DataSource(
    dataSourceOptions({
      url: env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL,
      entities: ENTITIES,
      migrations: MIGRATIONS,
    }),
  );
  await ds.initialize();
  const passwordHash = await new PasswordService().hash(DEMO_PASSWORD);
  const created = await runInTransaction(ds, async (m) => {
    let tenant = await m.getRepository(TenantEntity).findOneBy({ slug: 'demo' });
    tenant ??= await m.getRepository(TenantEntity).save({ name: 'Demo Inc', slug: 'demo' });
    let count = 0;
    for (const demo of DEMO_USERS) {
      let user = await m.getRepository(UserEntity).findOneBy({ email: demo.email });
      if (!user) {
        user = await m
          .getRepository(UserEntity)
          .save({ email: demo.email, name: demo.name, passwordHash, emailVerifiedAt: new Date() });
        count++;
      }
      const member = await m.getRepository(MembershipEntity).findOneBy({ userId: user.id, tenantId: tenant.id });
      if (!member)
        await m.getRepository(MembershipEntity).save({ userId: user.id, tenantId: tenant.id, role: demo.role });
    }
    return count;
  });
  await ds.destroy();
  process.stdout.write(`[seed] demo tenant "demo" ready (${created} user(s) created)\n`);
}

void main();
