import { QueryHandler, Query, type IQueryHandler } from '@nestjs/cqrs';
import type { MeType } from '../dto/auth.types';
import type { AuthContext } from '../../../common/auth.decorators';
import { AuthService } from '../auth.service';

export class MeQuery extends Query<MeType> {
  constructor(readonly auth: AuthContext) {
    super();
  }
}

@QueryHandler(MeQuery)
export class MeHandler implements IQueryHandler<MeQuery, MeType> {
  constructor(private readonly service: AuthService) {}

  execute(query: MeQuery): Promise<MeType> {
    return this.service.me(query.auth);
  }
}
