import type { JobsOptions } from 'bullmq';

export const EMAIL_QUEUE = 'email';
/** Periodic upkeep run by the worker (job schedulers), e.g. expiring invitations. */
export const MAINTENANCE_QUEUE = 'maintenance';

export const MaintenanceJob = {
  /** Every minute: PENDING invitations past their expiry become EXPIRED. */
  EXPIRE_INVITATIONS: 'expire-invitations',
} as const;

/** Job names of the email queue. */
export const EmailJob = {
  /** Proves the queue end to end (health checks, tests); sends nothing. */
  PING: 'ping',
  WELCOME: 'welcome',
  VERIFY_EMAIL: 'verify-email',
  /** A reset link with a token the API issued (kept for jobs queued before password-reset-request). */
  PASSWORD_RESET: 'password-reset',
  /**
   * A reset asked for an address: the worker looks the address up, issues
   * the token and mails the link, or does nothing for an unknown address; the
   * API answers the same, in the same time, either way.
   */
  PASSWORD_RESET_REQUEST: 'password-reset-request',
  INVITATION: 'invitation',
} as const;
export type EmailJobName = (typeof EmailJob)[keyof typeof EmailJob];

/**
 * Retries with exponential backoff (1 s, 2 s, 4 s, 8 s); a job that still
 * fails stays in the failed set with its error (its token removed), for
 * inspection and retry, for 14 days.
 */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
};
