import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { Filter, SortField } from '@ptc-org/nestjs-query-core';
import { TypeOrmQueryService } from '@ptc-org/nestjs-query-typeorm';
import { In, type DataSource, type EntityManager, type Repository } from 'typeorm';
import { BadUserInputException, ConflictException } from '@app/core';
import { findInTenantOrFail, isUniqueViolation, runInTransaction } from '@app/database';
import {
  clientFilter,
  keysetPage,
  sortKeysFor,
  type CursorPaging,
  type Page,
  type PageOptions,
  type SortKey,
} from '../../common/pagination';
import { recordAudit } from '../audit';
import { TagType } from './dto/tag.type';
import { TAG_NAME_UNIQUE } from './tag.constants';
import { TagEntity } from './tag.entity';

const SORT_COLUMNS: Record<string, Pick<SortKey, 'column' | 'type'>> = {
  name: { column: 't.name', type: 'text' },
  createdAt: { column: 't.created_at', type: 'timestamptz' },
};

const TAKEN = 'A tag with this name already exists';

/** Tags of the caller's tenant: every query filters on it; another tenant's tag is NOT_FOUND. */
@Injectable()
export class TagService {
  private readonly query: TypeOrmQueryService<TagEntity>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(TagEntity) tags: Repository<TagEntity>,
  ) {
    this.query = new TypeOrmQueryService(tags);
  }

  list(
    tenantId: string,
    filter: Filter<TagType> | null | undefined,
    sorting: SortField<TagType>[] | null | undefined,
    paging: CursorPaging | null | undefined,
    options: PageOptions = {},
  ): Promise<Page<TagType>> {
    const keys = sortKeysFor(sorting, SORT_COLUMNS, { column: 't.name', type: 'text', direction: 'ASC' }, 't.id');
    return keysetPage(
      {
        db: this.dataSource,
        from: 'tags t',
        columns: 't.id, t.name, t.created_at AS "createdAt"',
        where: (p) => `t.tenant_id = ${p(tenantId)} AND t.deleted_at IS NULL`,
        filter: clientFilter(this.query, filter, 't'),
        keys,
      },
      paging,
      (row: Pick<TagEntity, 'id' | 'name' | 'createdAt'>) => TagType.from(row),
      options,
    );
  }

  async findOne(tenantId: string, id: string): Promise<TagType> {
    return TagType.from(await findInTenantOrFail(this.dataSource.manager, TagEntity, { tenantId, id }, 'Tag'));
  }

  async create(tenantId: string, name: string): Promise<TagType> {
    return this.write(async (manager) => {
      const repo = manager.getRepository(TagEntity);
      return TagType.from(await repo.save(repo.create({ tenantId, name })));
    });
  }

  async update(tenantId: string, id: string, name: string): Promise<TagType> {
    return this.write(async (manager) => {
      const tag = await findInTenantOrFail(manager, TagEntity, { tenantId, id }, 'Tag', true);
      tag.name = name;
      return TagType.from(await manager.getRepository(TagEntity).save(tag));
    });
  }

  /** Deletes the tag (and its links to products); answers it as it was. */
  async remove(tenantId: string, id: string): Promise<TagType> {
    return this.write(async (manager) => {
      const tag = await findInTenantOrFail(manager, TagEntity, { tenantId, id }, 'Tag', true);
      await manager.getRepository(TagEntity).delete({ id: tag.id, tenantId });
      await recordAudit(manager, {
        action: 'tag.deleted',
        tenantId,
        resourceType: 'tag',
        resourceId: tag.id,
        details: { name: tag.name },
      });
      return TagType.from(tag);
    });
  }

  /**
   * The tags of these ids, all of the caller's tenant, or BAD_USER_INPUT on
   * `field` (an id of another tenant is as unknown as a made-up one).
   */
  async requireAll(manager: EntityManager, tenantId: string, ids: string[], field: string): Promise<TagEntity[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const tags = await manager.getRepository(TagEntity).findBy({ tenantId, id: In(unique) });
    if (tags.length !== unique.length) throw BadUserInputException.field(field, 'must all be tags of this tenant');
    return tags;
  }

  /** A write in one transaction; a name taken in this tenant (any case) is CONFLICT, even when two race. */
  private write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return runInTransaction(this.dataSource, work).catch((err: unknown) => {
      if (isUniqueViolation(err, TAG_NAME_UNIQUE)) throw new ConflictException(TAKEN);
      throw err;
    });
  }
}
