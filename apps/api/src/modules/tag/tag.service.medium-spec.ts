import { ConflictException, NotFoundException } from '@app/core';
import { Database } from '@app/database';
import { mediumDatabase, seedTenant, type MediumDatabase } from '@app/testing';
import type { Caller } from '../../common/caller';
import { SortDirection } from '../../common/pagination';
import { Role } from '../../common/role.enum';
import { ENTITIES, MIGRATIONS } from '../../database/registry';
import { TagSortFields } from './dto/tags.args';
import { TagService } from './tag.service';

/** TagService in process on a real PostgreSQL as the runtime role: its list (tenantPage) and its writes. */
describe('TagService (real PostgreSQL, the runtime role)', () => {
  let db: MediumDatabase;
  let database: Database;
  let tags: TagService;
  let alpha: Caller;
  let beta: Caller;

  beforeAll(async () => {
    db = await mediumDatabase({ entities: ENTITIES, migrations: MIGRATIONS });
    database = new Database(db.dataSource);
    tags = new TagService(database);
    alpha = { ...(await seedTenant(db.owner, 'Alpha')), role: Role.OWNER };
    beta = { ...(await seedTenant(db.owner, 'Beta')), role: Role.OWNER };
    // created_at one minute apart, in the order given, so that sorting by it is deterministic.
    const rows: [Caller, string][] = [
      [alpha, 'cherry'],
      [alpha, 'apple'],
      [alpha, 'banana'],
      [beta, 'apricot'],
    ];
    for (const [i, [caller, name]] of rows.entries()) {
      await db.owner.query(
        `INSERT INTO tags (tenant_id, name, created_at) VALUES ($1, $2, now() - make_interval(mins => $3))`,
        [caller.tenantId, name, rows.length - i],
      );
    }
  });
  afterAll(() => db.close());

  const work = (caller: Caller) => database.read({ tenantId: caller.tenantId, userId: caller.userId });
  const names = async (caller: Caller, args: Parameters<TagService['list']>[1]) =>
    (await tags.list(work(caller), args)).edges.map((e) => e.node.name);

  it('lists the caller’s tenant alphabetically by default, sorted and paged on request', async () => {
    expect(await names(alpha, {})).toEqual(['apple', 'banana', 'cherry']);
    expect(await names(beta, {})).toEqual(['apricot']);
    expect(
      await names(alpha, { sorting: [{ field: TagSortFields.createdAt, direction: SortDirection.DESC }] }),
    ).toEqual(['banana', 'apple', 'cherry']);
    const first = await tags.list(work(alpha), { paging: { first: 2 } }, { count: true });
    expect(first.edges.map((e) => e.node.name)).toEqual(['apple', 'banana']);
    expect(await first.totalCount).toBe(3);
    const rest = await tags.list(work(alpha), { paging: { first: 2, after: first.pageInfo.endCursor } });
    expect(rest.edges.map((e) => e.node.name)).toEqual(['cherry']);
  });

  it('applies the client’s filter inside the tenant: an `or` cannot widen it to another tenant', async () => {
    expect(await names(alpha, { filter: { name: { like: 'a%' } } })).toEqual(['apple']);
    expect(await names(alpha, { filter: { or: [{ name: { like: '%' } }, { name: { eq: 'apricot' } }] } })).toEqual([
      'apple',
      'banana',
      'cherry',
    ]);
    expect(await names(alpha, { filter: { name: { in: ['apricot', 'cherry'] } } })).toEqual(['cherry']);
  });

  it('writes in the caller’s tenant, refuses a name taken in any case, and finds nothing of another tenant', async () => {
    const created = await tags.create(alpha, 'Damson');
    expect((await tags.findOne(work(alpha), created.id)).name).toBe('Damson');
    await expect(tags.findOne(work(beta), created.id)).rejects.toBeInstanceOf(NotFoundException);
    await expect(tags.create(alpha, 'damson')).rejects.toBeInstanceOf(ConflictException);
    // The same name is free in another tenant.
    expect((await tags.create(beta, 'damson')).name).toBe('damson');
    await expect(tags.update(beta, created.id, 'mine now')).rejects.toBeInstanceOf(NotFoundException);
    await expect(tags.remove(beta, created.id)).rejects.toBeInstanceOf(NotFoundException);
    const { rows } = await db.owner.query<{ tenant_id: string; name: string }>(
      `SELECT tenant_id, name FROM tags WHERE id = $1`,
      [created.id],
    );
    expect(rows).toEqual([{ tenant_id: alpha.tenantId, name: 'Damson' }]);
  });

  it('deletes with its audit row, by the caller, in the same transaction', async () => {
    const tag = await tags.create(alpha, 'elderberry');
    expect((await tags.remove(alpha, tag.id)).name).toBe('elderberry');
    const left = await db.owner.query(`SELECT 1 FROM tags WHERE id = $1`, [tag.id]);
    expect(left.rowCount).toBe(0);
    const audit = await db.owner.query<{ tenant_id: string; actor_user_id: string; details: unknown }>(
      `SELECT tenant_id, actor_user_id, details FROM audit_logs WHERE action = 'tag.deleted' AND resource_id = $1`,
      [tag.id],
    );
    expect(audit.rows).toEqual([
      { tenant_id: alpha.tenantId, actor_user_id: alpha.userId, details: { name: 'elderberry' } },
    ]);
  });
});
