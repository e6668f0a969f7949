import { registerEnumType } from '@nestjs/graphql';
import { InvitationStatus } from '@app/domain';
import { Role } from '../../common/role.enum';

// The status table and the expiry are shared with the worker (@app/domain): one copy of the rule.
export { InvitationEvent, InvitationStatus, TRANSITIONS, nextStatus } from '@app/domain';

registerEnumType(InvitationStatus, { name: 'InvitationStatus' });

/** Roles an invitation may carry: an OWNER is made by promotion, never by invitation. */
export const INVITABLE_ROLES: readonly Role[] = [Role.ADMIN, Role.MEMBER];

export const INVITATION_TTL_SECONDS = 7 * 24 * 3600;
