import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { EmailProducer } from '@app/queue';
import { UserSignedUpEvent } from './user-signed-up.event';

/** Sign-up side effects: the welcome and the verification emails, queued for the worker. */
@EventsHandler(UserSignedUpEvent)
export class UserSignedUpHandler implements IEventHandler<UserSignedUpEvent> {
  constructor(
    private readonly email: EmailProducer,
    @InjectPinoLogger(UserSignedUpHandler.name) private readonly logger: PinoLogger,
  ) {}

  async handle(event: UserSignedUpEvent): Promise<void> {
    const recipient = { to: event.email, name: event.name };
    try {
      await this.email.welcome(recipient, event.tenantName);
      await this.email.verifyEmail(recipient, event.verificationToken);
    } catch (err) {
      // Until the transactional outbox (invitations issue) this is the one gap: log it loudly.
      this.logger.error({ err, userId: event.userId }, 'could not queue the sign-up emails');
    }
  }
}
