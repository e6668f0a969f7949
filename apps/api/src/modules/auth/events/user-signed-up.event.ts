/** Published after the sign-up transaction commits. */
export class UserSignedUpEvent {
  constructor(
    readonly userId: string,
    readonly email: string,
    readonly name: string,
    readonly tenantName: string,
    /** The email-verification token in clear, for the mail only. */
    readonly verificationToken: string,
  ) {}
}
