import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { SessionModule } from '../session';
import { UserModule } from '../user';
import { RemoveMemberHandler } from './commands/remove-member.command';
import { UpdateMemberRoleHandler } from './commands/update-member-role.command';
import { MembershipAdminService } from './membership-admin.service';
import { MembershipResolver } from './membership.resolver';
import { MembershipService } from './membership.service';
import { MembersHandler } from './queries/members.query';

@Module({
  imports: [CqrsModule, SessionModule, UserModule],
  providers: [
    MembershipService,
    MembershipAdminService,
    MembershipResolver,
    UpdateMemberRoleHandler,
    RemoveMemberHandler,
    MembersHandler,
  ],
  exports: [MembershipService],
})
export class MembershipModule {}
