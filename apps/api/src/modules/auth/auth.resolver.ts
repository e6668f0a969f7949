import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { TenantType } from '../tenant';
import {
  LoginCommand,
  LogoutCommand,
  RefreshTokenCommand,
  RequestEmailVerificationCommand,
  RequestPasswordResetCommand,
  ResetPasswordCommand,
  SignUpCommand,
  SwitchTenantCommand,
  VerifyEmailCommand,
} from './commands';
import { CurrentTenantQuery, MeQuery } from './queries';
import { LoginInput, RefreshTokenInput, ResetPasswordInput, SignUpInput } from './dto/auth.inputs';
import { AuthPayloadType, MeType } from './dto/auth.types';
import { Client, CurrentAuth, Public, type AuthContext, type ClientInfo } from '../../common/auth.decorators';
import { ParseUUIDPipe } from '../../common/parse-uuid.pipe';

/** Routes only: every operation is one command or query on the bus. */
@Resolver()
export class AuthResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Public()
  @Mutation(() => AuthPayloadType, {
    description: 'PUBLIC. Creates a user, a tenant and the OWNER membership; queues a welcome email.',
  })
  signUp(@Args('input') input: SignUpInput, @Client() client: ClientInfo): Promise<AuthPayloadType> {
    return this.commands.execute(new SignUpCommand(input, client));
  }

  @Public()
  @Mutation(() => AuthPayloadType, { description: 'PUBLIC; rate limited per IP and per email.' })
  login(@Args('input') input: LoginInput, @Client() client: ClientInfo): Promise<AuthPayloadType> {
    return this.commands.execute(new LoginCommand(input, client));
  }

  @Public()
  @Mutation(() => AuthPayloadType, { description: 'PUBLIC. Reusing a rotated token revokes its whole family.' })
  refreshToken(@Args('input') input: RefreshTokenInput): Promise<AuthPayloadType> {
    return this.commands.execute(new RefreshTokenCommand(input.refreshToken));
  }

  @Mutation(() => Boolean, { description: "Revokes the current session's refresh tokens and access tokens." })
  logout(@CurrentAuth() auth: AuthContext): Promise<boolean> {
    return this.commands.execute(new LogoutCommand(auth));
  }

  @Mutation(() => AuthPayloadType, { description: 'FORBIDDEN unless a member of that tenant.' })
  switchTenant(
    @CurrentAuth() auth: AuthContext,
    @Args('tenantId', { type: () => ID }, ParseUUIDPipe) tenantId: string,
  ): Promise<AuthPayloadType> {
    return this.commands.execute(new SwitchTenantCommand(auth, tenantId));
  }

  @Public()
  @Mutation(() => Boolean, { description: 'PUBLIC; always true. Emails a single-use token (1 h) to a known address.' })
  requestPasswordReset(@Args('email') email: string, @Client() client: ClientInfo): Promise<boolean> {
    return this.commands.execute(new RequestPasswordResetCommand(email, client));
  }

  @Public()
  @Mutation(() => Boolean, { description: 'PUBLIC. Revokes every session of the user.' })
  resetPassword(@Args('input') input: ResetPasswordInput, @Client() client: ClientInfo): Promise<boolean> {
    return this.commands.execute(new ResetPasswordCommand(input, client));
  }

  @Mutation(() => Boolean, { description: 'Queues a verification email to the caller.' })
  requestEmailVerification(@CurrentAuth() auth: AuthContext): Promise<boolean> {
    return this.commands.execute(new RequestEmailVerificationCommand(auth));
  }

  @Public()
  @Mutation(() => Boolean, { description: 'PUBLIC; single use.' })
  verifyEmail(@Args('token') token: string): Promise<boolean> {
    return this.commands.execute(new VerifyEmailCommand(token));
  }

  @Query(() => MeType)
  me(@CurrentAuth() auth: AuthContext): Promise<MeType> {
    return this.queries.execute(new MeQuery(auth));
  }

  @Query(() => TenantType)
  tenant(@CurrentAuth() auth: AuthContext): Promise<TenantType> {
    return this.queries.execute(new CurrentTenantQuery(auth));
  }
}
