import { Args, ID, Info, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Work } from '@app/database';
import {
  Client,
  CurrentAuth,
  CurrentWork,
  Public,
  Roles,
  type AuthContext,
  type ClientInfo,
} from '../../common/auth.decorators';
import { ParseUUIDPipe } from '../../common/parse-uuid.pipe';
import { pageReads, type Page } from '../../common/pagination';
import { Role } from '../../common/role.enum';
import { AuthPayloadType } from '../auth';
import { AcceptInvitationCommand } from './commands/accept-invitation.command';
import { DeclineInvitationCommand } from './commands/decline-invitation.command';
import { InviteMemberCommand } from './commands/invite-member.command';
import { ResendInvitationCommand } from './commands/resend-invitation.command';
import { RevokeInvitationCommand } from './commands/revoke-invitation.command';
import { AcceptInvitationInput, DeclineInvitationInput, InviteMemberInput } from './dto/invitation.inputs';
import { InvitationConnection, InvitationType } from './dto/invitation.type';
import { InvitationsArgs } from './dto/invitations.args';
import { InvitationsQuery } from './queries/invitations.query';

/** Routes only. */
@Resolver(() => InvitationType)
export class InvitationResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Roles(Role.OWNER, Role.ADMIN)
  @Query(() => InvitationConnection, { description: 'OWNER, ADMIN. Newest first unless sorted otherwise.' })
  invitations(
    @CurrentWork() work: Work,
    @Args() args: InvitationsArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<InvitationType>> {
    return this.queries.execute(new InvitationsQuery(work, args, pageReads(info)));
  }

  @Roles(Role.OWNER, Role.ADMIN)
  @Mutation(() => InvitationType, {
    description: 'OWNER/ADMIN; queues the invitation email; CONFLICT if a PENDING one exists or already a member.',
  })
  inviteMember(@CurrentAuth() auth: AuthContext, @Args('input') input: InviteMemberInput): Promise<InvitationType> {
    return this.commands.execute(new InviteMemberCommand(auth, input.email, input.role));
  }

  @Roles(Role.OWNER, Role.ADMIN)
  @Mutation(() => InvitationType, { description: 'OWNER/ADMIN; PENDING only; new token, new expiry.' })
  resendInvitation(
    @CurrentAuth() auth: AuthContext,
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
  ): Promise<InvitationType> {
    return this.commands.execute(new ResendInvitationCommand(auth, id));
  }

  @Roles(Role.OWNER, Role.ADMIN)
  @Mutation(() => InvitationType, { description: 'OWNER/ADMIN; PENDING -> REVOKED.' })
  revokeInvitation(
    @CurrentAuth() auth: AuthContext,
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
  ): Promise<InvitationType> {
    return this.commands.execute(new RevokeInvitationCommand(auth, id));
  }

  @Public()
  @Mutation(() => AuthPayloadType, {
    description: 'PUBLIC; PENDING -> ACCEPTED in one transaction; CONFLICT otherwise.',
  })
  acceptInvitation(
    @Args('input') input: AcceptInvitationInput,
    @Client() client: ClientInfo,
  ): Promise<AuthPayloadType> {
    return this.commands.execute(new AcceptInvitationCommand(input, client));
  }

  @Public()
  @Mutation(() => Boolean, { description: 'PUBLIC; PENDING -> DECLINED.' })
  declineInvitation(@Args('input') input: DeclineInvitationInput, @Client() client: ClientInfo): Promise<boolean> {
    return this.commands.execute(new DeclineInvitationCommand(input, client));
  }
}
