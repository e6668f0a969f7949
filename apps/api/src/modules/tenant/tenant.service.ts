import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import type { EntityManager, Repository } from 'typeorm';
import { applyDbScope } from '@app/database';
import { TenantEntity } from './tenant.entity';
import { slugify } from './slug';

@Injectable()
export class TenantService {
  constructor(@InjectRepository(TenantEntity) private readonly tenants: Repository<TenantEntity>) {}

  findById(id: string, manager?: EntityManager): Promise<TenantEntity | null> {
    return (manager?.getRepository(TenantEntity) ?? this.tenants).findOne({ where: { id } });
  }

  findByIds(ids: string[]): Promise<TenantEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.tenants
      .createQueryBuilder('t')
      .where('t.id IN (:...ids)', { ids })
      .orderBy('t.created_at', 'ASC')
      .getMany();
  }

  /**
   * Creates a tenant with a unique slug derived from its name ("acme",
   * "acme-2", …), in the caller's transaction. Two sign-ups racing for one
   * slug: the insert does nothing on conflict (it waits for the other
   * transaction, without aborting ours) and retries with a random suffix.
   *
   * `scope.tenantId` is the new tenant's id: the transaction reads every
   * tenant's slug on the narrow `tenant-slugs` path, then acts in the new
   * tenant as `scope` (row-level security, ADR 013).
   */
  async create(
    manager: EntityManager,
    name: string,
    scope: { tenantId: string; userId: string },
  ): Promise<TenantEntity> {
    const repo = manager.getRepository(TenantEntity);
    const base = slugify(name);
    await applyDbScope(manager, { ...scope, path: 'tenant-slugs' });
    const taken = await repo
      .createQueryBuilder('t')
      .select('t.slug', 'slug')
      .where('t.slug = :base OR t.slug LIKE :pattern', { base, pattern: `${base}-%` })
      .withDeleted()
      .getRawMany<{ slug: string }>();
    await applyDbScope(manager, scope);
    const used = new Set(taken.map((t) => t.slug));
    let slug = base;
    for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
    for (let attempt = 0; attempt < 5; attempt++) {
      const candidate = attempt === 0 ? slug : `${base}-${randomBytes(3).toString('hex')}`;
      const inserted = await repo
        .createQueryBuilder()
        .insert()
        .values({ id: scope.tenantId, name: name.trim(), slug: candidate })
        .orIgnore()
        .returning(['id'])
        .execute();
      const row = (inserted.raw as { id: string }[])[0] as { id: string } | undefined;
      if (row) return repo.findOneByOrFail({ id: row.id });
    }
    throw new Error(`no free slug for "${base}" after 5 attempts`);
  }
}
