import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { BadUserInputException, ConflictException, NotFoundException } from '@app/core';
import { Database, findInTenantOrFail, isUniqueViolation, type TenantStatements } from '@app/database';
import { callerScope, type Caller } from '../../common/caller';
import { tenantPage, type ListArgs, type Page, type PageOptions, type TenantList } from '../../common/pagination';
import { recordAudit } from '../audit';
import type { TagSortFields } from './dto/tags.args';
import { TagType } from './dto/tag.type';
import { TAG_NAME_UNIQUE } from './tag.constants';
import { TagEntity } from './tag.entity';

type TagRow = Pick<TagEntity, 'id' | 'name' | 'createdAt'>;

const TAG_COLUMNS = 't.id, t.name, t.created_at AS "createdAt"';

/** The tags page: live tags of the tenant, alphabetical unless sorted otherwise. */
const TAGS: TenantList<TagSortFields> = {
  from: 'tags t',
  columns: TAG_COLUMNS,
  tenant: 't.tenant_id',
  where: () => 't.deleted_at IS NULL',
  fields: {
    name: { column: 't.name', type: 'text' },
    createdAt: { column: 't.created_at', type: 'timestamptz' },
  },
  defaultOrder: { column: 't.name', type: 'text', direction: 'ASC' },
  id: 't.id',
};

const TAKEN = 'A tag with this name already exists';

/** Tags of the caller's tenant: every query filters on it; another tenant's tag is NOT_FOUND. */
@Injectable()
export class TagService {
  constructor(private readonly database: Database) {}

  /** A page of the tags of `work`'s tenant. */
  list(work: TenantStatements, args: ListArgs<TagSortFields>, options: PageOptions = {}): Promise<Page<TagType>> {
    return tenantPage(work, TAGS, args, (row: TagRow) => TagType.from(row), options);
  }

  async findOne(work: TenantStatements, id: string): Promise<TagType> {
    const rows = await work.query<TagRow>(
      `SELECT ${TAG_COLUMNS} FROM tags t WHERE t.tenant_id = $1 AND t.id = $2 AND t.deleted_at IS NULL`,
      [work.tenantId, id],
    );
    const row = rows.at(0);
    if (!row) throw new NotFoundException('Tag');
    return TagType.from(row);
  }

  async create(actor: Caller, name: string): Promise<TagType> {
    return this.write(actor, async (manager) => {
      const repo = manager.getRepository(TagEntity);
      return TagType.from(await repo.save(repo.create({ tenantId: actor.tenantId, name })));
    });
  }

  async update(actor: Caller, id: string, name: string): Promise<TagType> {
    return this.write(actor, async (manager) => {
      const tag = await findInTenantOrFail(manager, TagEntity, { tenantId: actor.tenantId, id }, 'Tag', true);
      tag.name = name;
      return TagType.from(await manager.getRepository(TagEntity).save(tag));
    });
  }

  /** Deletes the tag (and its links to products); answers it as it was. */
  async remove(actor: Caller, id: string): Promise<TagType> {
    return this.write(actor, async (manager) => {
      const tag = await findInTenantOrFail(manager, TagEntity, { tenantId: actor.tenantId, id }, 'Tag', true);
      await manager.getRepository(TagEntity).delete({ id: tag.id, tenantId: actor.tenantId });
      await recordAudit(manager, {
        action: 'tag.deleted',
        tenantId: actor.tenantId,
        actorUserId: actor.userId,
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
  private write<T>(actor: Caller, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.database
      .transaction(callerScope(actor), ({ manager }) => work(manager))
      .catch((err: unknown) => {
        if (isUniqueViolation(err, TAG_NAME_UNIQUE)) throw new ConflictException(TAKEN);
        throw err;
      });
  }
}
