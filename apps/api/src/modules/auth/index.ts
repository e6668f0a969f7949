import { featureModule } from '../../common/feature-module';
import { AuthModule } from './auth.module';
import { UserTokenEntity } from './entities/user-token.entity';

export * from './auth.module';
export { AuthService } from './auth.service';
export { PasswordService } from './password.service';
export { RateLimitService } from './rate-limit.service';
export { IsAcceptablePassword } from './password.rule';
export { AuthPayloadType } from './dto/auth.types';
export {
  Public,
  Roles,
  CurrentAuth,
  CurrentUser,
  CurrentTenant,
  Client,
  type AuthContext,
  type ClientInfo,
} from '../../common/auth.decorators';

/** The module's manifest: listed once in `modules/index.ts`. */
export const authFeature = featureModule({
  name: 'auth',
  module: AuthModule,
  entities: [UserTokenEntity],
  migrations: [],
});
