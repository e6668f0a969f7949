import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EMAIL_QUEUE, EmailJob } from './queue.constants';
import type {
  InvitationEmailData,
  MailRecipient,
  PasswordResetRequestData,
  TokenEmailData,
  WelcomeEmailData,
} from './job-meta';
import { OutboxWriter } from './outbox/outbox.writer';

/** The emails the API causes, written to the outbox in the caller's transaction. */
@Injectable()
export class EmailOutbox {
  constructor(private readonly outbox: OutboxWriter) {}

  welcome(manager: EntityManager, recipient: MailRecipient, tenantName: string): Promise<string> {
    return this.outbox.add<WelcomeEmailData>(manager, EMAIL_QUEUE, EmailJob.WELCOME, { ...recipient, tenantName });
  }

  verifyEmail(manager: EntityManager, recipient: MailRecipient, token: string): Promise<string> {
    return this.outbox.add<TokenEmailData>(manager, EMAIL_QUEUE, EmailJob.VERIFY_EMAIL, { ...recipient, token });
  }

  /** Whether the address is known is decided by the worker (no timing difference in the API's answer). */
  passwordResetRequest(manager: EntityManager, email: string, ttlSeconds: number): Promise<string> {
    return this.outbox.add<PasswordResetRequestData>(manager, EMAIL_QUEUE, EmailJob.PASSWORD_RESET_REQUEST, {
      email,
      ttlSeconds,
    });
  }

  invitation(manager: EntityManager, data: Omit<InvitationEmailData, 'meta'>): Promise<string> {
    return this.outbox.add<InvitationEmailData>(manager, EMAIL_QUEUE, EmailJob.INVITATION, data);
  }
}
