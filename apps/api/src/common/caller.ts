import type { Scope } from '@app/database';
import type { Role } from './role.enum';

/**
 * Who acts in an operation: the verified caller (AuthContext without its
 * session), as the services take it. The one shape for every module.
 */
export interface Caller {
  userId: string;
  tenantId: string;
  role: Role;
}

/** The database scope of a caller's unit of work: their tenant's rows, and their own across tenants. */
export function callerScope(caller: Pick<Caller, 'userId' | 'tenantId'>): Scope {
  return { tenantId: caller.tenantId, userId: caller.userId };
}
