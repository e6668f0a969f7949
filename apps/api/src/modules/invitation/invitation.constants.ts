import { registerEnumType } from '@nestjs/graphql';
import { Role } from '../../common/role.enum';

/** The contract's `InvitationStatus`. */
export enum InvitationStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}

registerEnumType(InvitationStatus, { name: 'InvitationStatus' });

/** Roles an invitation may carry: an OWNER is made by promotion, never by invitation. */
export const INVITABLE_ROLES: readonly Role[] = [Role.ADMIN, Role.MEMBER];

export const INVITATION_TTL_SECONDS = 7 * 24 * 3600;

/** What happens to an invitation. */
export enum InvitationEvent {
  ACCEPT = 'accept',
  DECLINE = 'decline',
  REVOKE = 'revoke',
  EXPIRE = 'expire',
  RESEND = 'resend',
}

/**
 * The state machine, in one table: from each status, the events allowed and
 * the status they lead to. Anything else is CONFLICT. Terminal statuses allow
 * nothing. (RESEND keeps the invitation PENDING with a new token and expiry.)
 */
export const TRANSITIONS: Readonly<Record<InvitationStatus, Partial<Record<InvitationEvent, InvitationStatus>>>> = {
  [InvitationStatus.PENDING]: {
    [InvitationEvent.ACCEPT]: InvitationStatus.ACCEPTED,
    [InvitationEvent.DECLINE]: InvitationStatus.DECLINED,
    [InvitationEvent.REVOKE]: InvitationStatus.REVOKED,
    [InvitationEvent.EXPIRE]: InvitationStatus.EXPIRED,
    [InvitationEvent.RESEND]: InvitationStatus.PENDING,
  },
  [InvitationStatus.ACCEPTED]: {},
  [InvitationStatus.DECLINED]: {},
  [InvitationStatus.EXPIRED]: {},
  [InvitationStatus.REVOKED]: {},
};

/** The status `event` leads to from `status`, or null when the transition is not allowed. */
export function nextStatus(status: InvitationStatus, event: InvitationEvent): InvitationStatus | null {
  return TRANSITIONS[status][event] ?? null;
}
