import { InvitationEvent, InvitationStatus, TRANSITIONS, nextStatus } from './invitation.constants';

describe('invitation state machine', () => {
  it('moves a PENDING invitation to the status of each event', () => {
    expect(nextStatus(InvitationStatus.PENDING, InvitationEvent.ACCEPT)).toBe(InvitationStatus.ACCEPTED);
    expect(nextStatus(InvitationStatus.PENDING, InvitationEvent.DECLINE)).toBe(InvitationStatus.DECLINED);
    expect(nextStatus(InvitationStatus.PENDING, InvitationEvent.REVOKE)).toBe(InvitationStatus.REVOKED);
    expect(nextStatus(InvitationStatus.PENDING, InvitationEvent.EXPIRE)).toBe(InvitationStatus.EXPIRED);
    expect(nextStatus(InvitationStatus.PENDING, InvitationEvent.RESEND)).toBe(InvitationStatus.PENDING);
  });

  it('allows nothing out of a final status', () => {
    const finals = [
      InvitationStatus.ACCEPTED,
      InvitationStatus.DECLINED,
      InvitationStatus.EXPIRED,
      InvitationStatus.REVOKED,
    ];
    for (const status of finals) {
      for (const event of Object.values(InvitationEvent)) expect(nextStatus(status, event)).toBeNull();
    }
  });

  it('has a row for every status', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual(Object.values(InvitationStatus).sort());
  });
});
