/**
 * The cross-tenant paths the row-level security policies know by name
 * (`app.path`), each limited in SQL to the rows it needs (ADR 013):
 * - `tenant-slugs`: sign-up reads every tenant's slug to pick a free one;
 * - `expire-invitations`: the maintenance job sees and expires stale PENDING invitations of every tenant.
 */
export type DbPath = 'tenant-slugs' | 'expire-invitations';

/**
 * What the database may show a unit of work, as transaction-local settings
 * that the row-level security policies read:
 * - `tenantId` → `app.tenant_id`: that tenant's rows;
 * - `userId` → `app.user_id`: the user's own memberships and sessions (and
 *   the tenants they belong to), in any tenant;
 * - `invitationTokenHash` → `app.invitation_token_hash`: the one invitation
 *   whose token the caller presented;
 * - `path` → `app.path`: one named cross-tenant path.
 */
export interface Scope {
  tenantId?: string | null;
  userId?: string | null;
  invitationTokenHash?: string | null;
  path?: DbPath | null;
}

/**
 * No tenant, no user, no path: a unit of work that sees only the tables
 * without tenants (users, single-use tokens, the outbox, the job ledger);
 * every tenant table shows it nothing.
 */
export const NO_TENANT: Readonly<Scope> = Object.freeze({});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const PATHS: ReadonlySet<string> = new Set<DbPath>(['tenant-slugs', 'expire-invitations']);

/** The settings a scope sets, in this order (`scopeValues` gives their values). */
export const SCOPE_SETTINGS = ['app.tenant_id', 'app.user_id', 'app.invitation_token_hash', 'app.path'] as const;

/**
 * The scope's values in the order of `SCOPE_SETTINGS`, '' for none, each
 * checked against its format: a malformed value is a bug upstream and is
 * refused here rather than sent.
 */
export function scopeValues(scope: Scope): [string, string, string, string] {
  const value = (v: string | null | undefined, ok: (s: string) => boolean, name: string): string => {
    if (v == null || v === '') return '';
    if (!ok(v)) throw new Error(`refusing a malformed database scope value for ${name}`);
    return v.toLowerCase();
  };
  return [
    value(scope.tenantId, (s) => UUID.test(s), 'tenantId'),
    value(scope.userId, (s) => UUID.test(s), 'userId'),
    value(scope.invitationTokenHash, (s) => SHA256_HEX.test(s), 'invitationTokenHash'),
    value(scope.path, (s) => PATHS.has(s), 'path'),
  ];
}

/**
 * `SELECT set_config(…, $n, true), …` for every setting, and `app.scoped`
 * (the mark of a unit of work: without it the policies raise rather than
 * show nothing): transaction-local, never the pooled session's.
 */
export const SET_SCOPE_SQL = `SELECT ${[
  ...SCOPE_SETTINGS.map((name, i) => `set_config('${name}', $${i + 1}, true)`),
  `set_config('app.scoped', 'on', true)`,
].join(', ')}`;
