import { RequestContext } from '@app/core';
import type { JobMeta } from './job-meta';

/**
 * Runs a job's work inside the request context of the request that caused it,
 * so that every log line about the job carries its requestId and tenantId.
 */
export function runInJobContext<T>(meta: Partial<JobMeta> | undefined, work: () => Promise<T>): Promise<T> {
  return RequestContext.run(
    {
      requestId: RequestContext.requestIdFrom(meta?.requestId),
      ...(meta?.tenantId ? { tenantId: meta.tenantId } : {}),
      ...(meta?.userId ? { userId: meta.userId } : {}),
    },
    work,
  );
}
