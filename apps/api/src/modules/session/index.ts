import { featureModule } from '../../common/feature-module';
import { SessionModule } from './session.module';
import { SessionEntity } from './entities/session.entity';
import { RefreshTokenEntity } from './entities/refresh-token.entity';

export * from './session.module';
export * from './session.service';
export * from './token.service';
export * from './access.service';
export * from './entities/session.entity';
export * from './entities/refresh-token.entity';

/** The module's manifest: listed once in `modules/index.ts`. */
export const sessionFeature = featureModule({
  name: 'session',
  module: SessionModule,
  entities: [SessionEntity, RefreshTokenEntity],
  migrations: [],
});
