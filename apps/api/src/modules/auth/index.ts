export * from './auth.module';
export { Public, Roles, CurrentAuth, Client, type AuthContext, type ClientInfo } from './guards/auth.decorators';
export { ParseUUIDPipe } from './parse-uuid.pipe';
