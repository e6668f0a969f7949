import { randomBytes } from 'node:crypto';
import { Database } from '@app/database';
import { expireStaleInvitations } from '@app/domain';
import { mediumDatabase, seedTenant, type MediumDatabase } from '@app/testing';
import { MIGRATIONS } from '../../database/registry';

/**
 * The invitation expiry rule both apps apply (@app/domain): the worker's job on
 * its cross-tenant path, the API's invite for one address of the caller's tenant.
 */
describe('invitation expiry (real PostgreSQL, the runtime role)', () => {
  let db: MediumDatabase;
  let database: Database;
  let a: { tenantId: string; userId: string };
  let b: { tenantId: string; userId: string };

  beforeAll(async () => {
    db = await mediumDatabase({ entities: [], migrations: MIGRATIONS });
    database = new Database(db.dataSource);
    a = await seedTenant(db.owner, 'Alpha');
    b = await seedTenant(db.owner, 'Beta');
  });
  afterAll(() => db.close());

  /** An invitation arranged as the owner; `hours` from now until it expires (negative: already past). */
  async function invitation(
    t: { tenantId: string; userId: string },
    email: string,
    status: string,
    hours: number,
  ): Promise<string> {
    const { rows } = await db.owner.query<{ id: string }>(
      `INSERT INTO invitations (tenant_id, email, role, status, invited_by_id, token_hash, expires_at)
       VALUES ($1, $2, 'MEMBER', $3, $4, $5, now() + make_interval(hours => $6)) RETURNING id`,
      [t.tenantId, email, status, t.userId, randomBytes(32).toString('hex'), hours],
    );
    const id = rows[0]?.id;
    if (!id) throw new Error('arranging failed');
    return id;
  }

  async function statusOf(id: string): Promise<{ status: string; responded: boolean; audits: string[] }> {
    const { rows } = await db.owner.query<{ status: string; responded: boolean }>(
      `SELECT status, responded_at IS NOT NULL AS responded FROM invitations WHERE id = $1`,
      [id],
    );
    const audits = await db.owner.query<{ request_id: string }>(
      `SELECT request_id FROM audit_logs WHERE action = 'invitation.expired' AND resource_id = $1 ORDER BY created_at`,
      [id],
    );
    const row = rows.at(0);
    if (!row) throw new Error(`no invitation ${id}`);
    return { ...row, audits: audits.rows.map((r) => r.request_id) };
  }

  it('expires stale PENDING invitations of every tenant on the worker’s path, each with its audit row', async () => {
    const staleA = await invitation(a, 'stale-a@example.com', 'PENDING', -1);
    const staleB = await invitation(b, 'stale-b@example.com', 'PENDING', -2);
    const fresh = await invitation(a, 'fresh@example.com', 'PENDING', 24);
    const accepted = await invitation(b, 'accepted@example.com', 'ACCEPTED', -5);

    const expired = await expireStaleInvitations(database.read({ path: 'expire-invitations' }), 'job:1');

    expect(expired.map((r) => r.id).sort()).toEqual([staleA, staleB].sort());
    expect(expired.find((r) => r.id === staleB)?.tenantId).toBe(b.tenantId);
    expect(await statusOf(staleA)).toEqual({ status: 'EXPIRED', responded: true, audits: ['job:1'] });
    expect(await statusOf(staleB)).toEqual({ status: 'EXPIRED', responded: true, audits: ['job:1'] });
    expect(await statusOf(fresh)).toEqual({ status: 'PENDING', responded: false, audits: [] });
    expect(await statusOf(accepted)).toEqual({ status: 'ACCEPTED', responded: false, audits: [] });

    // A repeated run (the job is at least once) changes nothing and writes no second audit row.
    expect(await expireStaleInvitations(database.read({ path: 'expire-invitations' }), 'job:2')).toEqual([]);
    expect((await statusOf(staleA)).audits).toEqual(['job:1']);
  });

  it('expires only the one address of the caller’s tenant when inviting it again', async () => {
    const mine = await invitation(a, 'again@example.com', 'PENDING', -1);
    const otherAddress = await invitation(a, 'other@example.com', 'PENDING', -1);
    const otherTenant = await invitation(b, 'again@example.com', 'PENDING', -1);

    const expired = await database.transaction({ tenantId: a.tenantId, userId: a.userId }, (tx) =>
      expireStaleInvitations(tx, 'req-1', { tenantId: a.tenantId, email: 'again@example.com' }),
    );

    expect(expired).toEqual([{ id: mine, tenantId: a.tenantId }]);
    expect((await statusOf(mine)).status).toBe('EXPIRED');
    expect((await statusOf(otherAddress)).status).toBe('PENDING');
    expect((await statusOf(otherTenant)).status).toBe('PENDING');
  });

  it('reaches no invitation at all outside the path or a tenant (row-level security)', async () => {
    const stale = await invitation(b, 'unreached@example.com', 'PENDING', -1);
    const c = await seedTenant(db.owner, 'Gamma');
    expect(await expireStaleInvitations(database.read({ tenantId: c.tenantId }), 'req-2')).toEqual([]);
    expect(await expireStaleInvitations(database.read({}), 'req-3')).toEqual([]);
    expect((await statusOf(stale)).status).toBe('PENDING');
  });
});
