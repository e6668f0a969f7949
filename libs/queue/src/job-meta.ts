import { RequestContext } from '@app/core';

/** Carried by every job: who caused it, so the worker's logs say so. */
export interface JobMeta {
  requestId: string;
  tenantId?: string;
  userId?: string;
}

export interface PingJobData {
  meta: JobMeta;
  /** How long the job works before it completes (tests use it to observe shutdown). */
  workMs?: number;
}

/** A mail to one person. */
export interface MailRecipient {
  to: string;
  name: string;
}

export interface WelcomeEmailData extends MailRecipient {
  meta: JobMeta;
  tenantName: string;
}

/** Carries the single-use token in clear (only its hash is in the database); the worker puts it in a link. */
export interface TokenEmailData extends MailRecipient {
  meta: JobMeta;
  token: string;
}

/** A password reset asked for `email` (normalised); the worker decides whether it goes anywhere. */
export interface PasswordResetRequestData {
  meta: JobMeta;
  email: string;
  /** Lifetime of the token the worker issues (the API's rule). */
  ttlSeconds: number;
}

/** An invitation to join a tenant; the invitee may have no account (no name) yet. */
export interface InvitationEmailData {
  meta: JobMeta;
  to: string;
  inviterName: string;
  tenantName: string;
  role: string;
  /** In clear for the link only; the database keeps its hash. */
  token: string;
  /** ISO 8601. */
  expiresAt: string;
}

export type EmailJobData =
  PingJobData | WelcomeEmailData | TokenEmailData | PasswordResetRequestData | InvitationEmailData;

/** The current request's ids, for a job it enqueues. */
export function currentJobMeta(): JobMeta {
  const ctx = RequestContext.current();
  return {
    requestId: ctx?.requestId ?? RequestContext.requestIdFrom(undefined),
    ...(ctx?.tenantId ? { tenantId: ctx.tenantId } : {}),
    ...(ctx?.userId ? { userId: ctx.userId } : {}),
  };
}
