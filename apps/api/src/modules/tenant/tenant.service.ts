import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import type { EntityManager, Repository } from 'typeorm';
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
   * "acme-2", …). Runs in the caller's transaction; a concurrent insert of the
   * same slug is caught by the unique index and retried with a random suffix.
   */
  async create(manager: EntityManager, name: string): Promise<TenantEntity> {
    const repo = manager.getRepository(TenantEntity);
    const base = slugify(name);
    const taken = await repo
      .createQueryBuilder('t')
      .select('t.slug', 'slug')
      .where('t.slug = :base OR t.slug LIKE :pattern', { base, pattern: `${base}-%` })
      .withDeleted()
      .getRawMany<{ slug: string }>();
    const used = new Set(taken.map((t) => t.slug));
    let slug = base;
    for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
    const exists = await repo.exists({ where: { slug }, withDeleted: true });
    if (exists) slug = `${base}-${randomBytes(3).toString('hex')}`;
    return repo.save(repo.create({ name: name.trim(), slug }));
  }
}
