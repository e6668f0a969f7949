export * from './auth.module';
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
