import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { queryOne, type Statements, type Transaction } from '@app/database';
import { TenantEntity } from './tenant.entity';
import { slugify } from './slug';

/** Every column of a tenant, named as the entity names them (rows of plain SQL). */
const TENANT = `id, name, slug, created_at AS "createdAt", updated_at AS "updatedAt", deleted_at AS "deletedAt"`;

/** Tenants: lookups (what the unit of work's scope shows) and creation. */
@Injectable()
export class TenantService {
  async findById(db: Statements, id: string): Promise<TenantEntity | null> {
    const sql = `SELECT ${TENANT} FROM tenants WHERE id = $1 AND deleted_at IS NULL`;
    return (await queryOne<TenantEntity>(db, sql, [id])) ?? null;
  }

  /** The tenants of `ids` that the scope shows, oldest first. */
  findByIds(db: Statements, ids: string[]): Promise<TenantEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return db.query<TenantEntity>(
      `SELECT ${TENANT} FROM tenants WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL ORDER BY created_at, id`,
      [ids],
    );
  }

  /**
   * Creates a tenant with a unique slug derived from its name ("acme",
   * "acme-2", …), in the caller's transaction. Two sign-ups racing for one
   * slug: the insert does nothing on conflict (it waits for the other
   * transaction, without aborting ours) and retries with a random suffix.
   *
   * `scope.tenantId` is the new tenant's id: the transaction reads every
   * tenant's slug on the narrow `tenant-slugs` path, then goes on in the new
   * tenant as `scope` (row-level security, ADR 013): what the caller does
   * next in this transaction, it does there.
   */
  async create(tx: Transaction, name: string, scope: { tenantId: string; userId: string }): Promise<TenantEntity> {
    const base = slugify(name);
    await tx.rescope({ ...scope, path: 'tenant-slugs' });
    const taken = await tx.query<{ slug: string }>(`SELECT slug FROM tenants WHERE slug = $1 OR slug LIKE $2`, [
      base,
      `${base}-%`,
    ]);
    await tx.rescope(scope);
    const used = new Set(taken.map((t) => t.slug));
    let slug = base;
    for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
    for (let attempt = 0; attempt < 5; attempt++) {
      const candidate = attempt === 0 ? slug : `${base}-${randomBytes(3).toString('hex')}`;
      const row = await queryOne<TenantEntity>(
        tx,
        `INSERT INTO tenants (id, name, slug) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING ${TENANT}`,
        [scope.tenantId, name.trim(), candidate],
      );
      if (row) return row;
    }
    throw new Error(`no free slug for "${base}" after 5 attempts`);
  }
}
