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
