import type { EntityManager } from 'typeorm';
import { RequestContext } from '@app/core';
import { AuditLogEntity, type AuditDetails } from './audit-log.entity';

/** Every action the trail records (issue: hardening, "audit log"). */
export type AuditAction =
  | 'auth.signed_up'
  | 'auth.login_succeeded'
  | 'auth.login_failed'
  | 'auth.token_family_revoked'
  | 'auth.password_reset'
  | 'member.role_changed'
  | 'member.removed'
  | 'invitation.created'
  | 'invitation.resent'
  | 'invitation.revoked'
  | 'invitation.accepted'
  | 'invitation.declined'
  | 'invitation.expired'
  | 'product.deleted'
  | 'tag.deleted';

export interface AuditEntry {
  action: AuditAction;
  /** The tenant the entry belongs to (its readers), said by the caller: never taken from ambient context. */
  tenantId: string | null;
  /** Who acted (null: nobody known, e.g. a failed login or a replayed token). */
  actorUserId: string | null;
  resourceType?: string | null;
  resourceId?: string | null;
  details?: AuditDetails;
}

/**
 * Appends one entry through `manager`: inside the caller's transaction, so the
 * entry exists exactly when the change it describes was committed. Tenant
 * and actor are the caller's to say (ADR 015: no ambient scope); the request
 * id, client IP and user agent, which only describe the request, come from
 * the request context.
 */
export async function recordAudit(manager: EntityManager, entry: AuditEntry): Promise<void> {
  const ctx = RequestContext.current();
  const repo = manager.getRepository(AuditLogEntity);
  // No RETURNING: a row filed under no tenant is written, but (row-level security) no tenant may read it back.
  await repo
    .createQueryBuilder()
    .insert()
    .updateEntity(false)
    .values({
      action: entry.action,
      tenantId: entry.tenantId,
      actorUserId: entry.actorUserId,
      resourceType: entry.resourceType ?? null,
      resourceId: entry.resourceId ?? null,
      requestId: ctx?.requestId ?? null,
      ip: ctx?.ip?.slice(0, 64) ?? null,
      userAgent: ctx?.userAgent?.slice(0, 256) ?? null,
      details: entry.details ?? {},
    })
    .execute();
}
