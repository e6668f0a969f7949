import { SignUpHandler } from './sign-up.command';
import { LoginHandler } from './login.command';
import { RefreshTokenHandler } from './refresh-token.command';
import { LogoutHandler } from './logout.command';
import { SwitchTenantHandler } from './switch-tenant.command';
import { RequestPasswordResetHandler } from './request-password-reset.command';
import { ResetPasswordHandler } from './reset-password.command';
import { RequestEmailVerificationHandler } from './request-email-verification.command';
import { VerifyEmailHandler } from './verify-email.command';

export * from './sign-up.command';
export * from './login.command';
export * from './refresh-token.command';
export * from './logout.command';
export * from './switch-tenant.command';
export * from './request-password-reset.command';
export * from './reset-password.command';
export * from './request-email-verification.command';
export * from './verify-email.command';

export const COMMAND_HANDLERS = [
  SignUpHandler,
  LoginHandler,
  RefreshTokenHandler,
  LogoutHandler,
  SwitchTenantHandler,
  RequestPasswordResetHandler,
  ResetPasswordHandler,
  RequestEmailVerificationHandler,
  VerifyEmailHandler,
];
