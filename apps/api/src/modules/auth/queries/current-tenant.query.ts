import { QueryHandler, Query, type IQueryHandler } from '@nestjs/cqrs';
import type { TenantType } from '../../tenant';
import type { AuthContext } from '../../../common/auth.decorators';
import { AuthService } from '../auth.service';

export class CurrentTenantQuery extends Query<TenantType> {
  constructor(readonly auth: AuthContext) {
    super();
  }
}

@QueryHandler(CurrentTenantQuery)
export class CurrentTenantHandler implements IQueryHandler<CurrentTenantQuery, TenantType> {
  constructor(private readonly service: AuthService) {}

  execute(query: CurrentTenantQuery): Promise<TenantType> {
    return this.service.tenant(query.auth);
  }
}
