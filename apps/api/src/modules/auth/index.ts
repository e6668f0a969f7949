export * from './auth.module';
export { Public, Roles, CurrentAuth, Client, type AuthContext, type ClientInfo } from '../../common/auth.decorators';
