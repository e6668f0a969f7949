import type { Statements } from '@app/database';

/**
 * The rules of the invitation module that the worker applies too: one copy,
 * for both apps (the API's invitation module re-exports them and registers
 * the enums with GraphQL).
 */

/** The contract's `InvitationStatus`. */
export enum InvitationStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}

/** What happens to an invitation. */
export enum InvitationEvent {
  ACCEPT = 'accept',
  DECLINE = 'decline',
  REVOKE = 'revoke',
  EXPIRE = 'expire',
  RESEND = 'resend',
}

/**
 * The state machine, in one table: from each status, the events allowed and
 * the status they lead to. Anything else is CONFLICT. Terminal statuses allow
 * nothing. (RESEND keeps the invitation PENDING with a new token and expiry.)
 */
export const TRANSITIONS: Readonly<Record<InvitationStatus, Partial<Record<InvitationEvent, InvitationStatus>>>> = {
  [InvitationStatus.PENDING]: {
    [InvitationEvent.ACCEPT]: InvitationStatus.ACCEPTED,
    [InvitationEvent.DECLINE]: InvitationStatus.DECLINED,
    [InvitationEvent.REVOKE]: InvitationStatus.REVOKED,
    [InvitationEvent.EXPIRE]: InvitationStatus.EXPIRED,
    [InvitationEvent.RESEND]: InvitationStatus.PENDING,
  },
  [InvitationStatus.ACCEPTED]: {},
  [InvitationStatus.DECLINED]: {},
  [InvitationStatus.EXPIRED]: {},
  [InvitationStatus.REVOKED]: {},
};

/** The status `event` leads to from `status`, or null when the transition is not allowed. */
export function nextStatus(status: InvitationStatus, event: InvitationEvent): InvitationStatus | null {
  return TRANSITIONS[status][event] ?? null;
}

/** The statuses an invitation may expire from, and the one it expires to: read off the table above. */
function expiry(): { from: InvitationStatus[]; to: InvitationStatus } {
  const from = Object.values(InvitationStatus).filter((s) => nextStatus(s, InvitationEvent.EXPIRE));
  const to = nextStatus(InvitationStatus.PENDING, InvitationEvent.EXPIRE);
  if (!to || from.length === 0) throw new Error('the invitation table has no expiry');
  return { from, to };
}

/**
 * Invitations past their expiry that may still expire become EXPIRED, each
 * with its `invitation.expired` audit row (nobody acted: no actor; the
 * request or job id), in one statement of the caller's unit of work, whose
 * scope decides which tenants' invitations it reaches: the caller's tenant
 * (`only` one address, before inviting it again) or every tenant on the
 * `expire-invitations` path (the worker's job). Returns the expired ones.
 */
export function expireStaleInvitations(
  db: Statements,
  requestId: string | null,
  only?: { tenantId: string; email: string },
): Promise<{ id: string; tenantId: string }[]> {
  const { from, to } = expiry();
  return db.query<{ id: string; tenantId: string }>(
    `WITH expired AS (
       UPDATE invitations SET status = $1, responded_at = now(), updated_at = now()
        WHERE status = ANY($2::varchar[]) AND expires_at <= now() AND deleted_at IS NULL
          AND ($4::uuid IS NULL OR (tenant_id = $4::uuid AND email = $5::varchar))
        RETURNING id, tenant_id
     ), audited AS (
       INSERT INTO audit_logs (tenant_id, action, resource_type, resource_id, request_id, details)
       SELECT tenant_id, 'invitation.expired', 'invitation', id, $3, '{}'::jsonb FROM expired
     )
     SELECT id, tenant_id AS "tenantId" FROM expired`,
    [to, from, requestId, only?.tenantId ?? null, only?.email ?? null],
  );
}
