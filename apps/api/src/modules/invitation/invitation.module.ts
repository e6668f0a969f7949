import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { QueueModule } from '@app/queue';
import { AuthModule } from '../auth';
import { MembershipModule } from '../membership';
import { SessionModule } from '../session';
import { TenantModule } from '../tenant';
import { UserModule } from '../user';
import { AcceptInvitationHandler } from './commands/accept-invitation.command';
import { DeclineInvitationHandler } from './commands/decline-invitation.command';
import { InviteMemberHandler } from './commands/invite-member.command';
import { ResendInvitationHandler } from './commands/resend-invitation.command';
import { RevokeInvitationHandler } from './commands/revoke-invitation.command';
import { InvitationAdminService } from './invitation-admin.service';
import { InvitationResolver } from './invitation.resolver';
import { InvitationResponseService } from './invitation-response.service';
import { InvitationsHandler } from './queries/invitations.query';

/** Invitations: a state machine (invitation.constants.ts) whose emails go through the outbox. */
@Module({
  imports: [CqrsModule, QueueModule, AuthModule, SessionModule, UserModule, TenantModule, MembershipModule],
  providers: [
    InvitationAdminService,
    InvitationResponseService,
    InvitationResolver,
    InviteMemberHandler,
    ResendInvitationHandler,
    RevokeInvitationHandler,
    AcceptInvitationHandler,
    DeclineInvitationHandler,
    InvitationsHandler,
  ],
})
export class InvitationModule {}
