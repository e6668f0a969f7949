import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * What one request (or one background job) is about. Set once at the edge
 * (HTTP middleware, job processor) and read anywhere below it: loggers,
 * services, the database layer. Survives awaits, DataLoader batches and event
 * handlers because AsyncLocalStorage follows the async call graph.
 */
export interface RequestContextData {
  requestId: string;
  userId?: string;
  tenantId?: string;
  role?: string;
  /** The client's address (as `trust proxy` allows) and user agent, for the audit trail. */
  ip?: string;
  userAgent?: string;
}

const storage = new AsyncLocalStorage<RequestContextData>();

// A caller's id is kept only if it is short and plain: no log injection, no
// unbounded values in our logs and job payloads.
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export const REQUEST_ID_HEADER = 'x-request-id';

export const RequestContext = {
  /** Runs `fn` with `data` as the current context. */
  run<T>(data: RequestContextData, fn: () => T): T {
    return storage.run(data, fn);
  },

  /** The current context, or undefined outside a request or job. */
  current(): RequestContextData | undefined {
    return storage.getStore();
  },

  requestId(): string | undefined {
    return storage.getStore()?.requestId;
  },

  /** Adds what becomes known later in the request (the user after authentication). */
  assign(values: Partial<Omit<RequestContextData, 'requestId'>>): void {
    const store = storage.getStore();
    if (store) Object.assign(store, values);
  },

  /** The caller's id when it is sane, else a new UUID. */
  requestIdFrom(header: string | string[] | undefined): string {
    const value = Array.isArray(header) ? header[0] : header;
    return value !== undefined && SANE_REQUEST_ID.test(value) ? value : randomUUID();
  },
};
