import { MeHandler } from './me.query';
import { CurrentTenantHandler } from './current-tenant.query';

export * from './me.query';
export * from './current-tenant.query';

export const QUERY_HANDLERS = [MeHandler, CurrentTenantHandler];
