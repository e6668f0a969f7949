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

/** The current request's ids, for a job it enqueues. */
export function currentJobMeta(): JobMeta {
  const ctx = RequestContext.current();
  return {
    requestId: ctx?.requestId ?? RequestContext.requestIdFrom(undefined),
    ...(ctx?.tenantId ? { tenantId: ctx.tenantId } : {}),
    ...(ctx?.userId ? { userId: ctx.userId } : {}),
  };
}
