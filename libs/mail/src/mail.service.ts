import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { InjectEnv, type Env } from '@app/core';
import type { RenderedMail } from './templates';

/** Sends through SMTP_URL with a pooled nodemailer transport (worker only). */
@Injectable()
export class MailService implements OnApplicationShutdown {
  private readonly transport: Transporter;

  constructor(@InjectEnv() private readonly env: Env) {
    this.transport = createTransport({ url: env.SMTP_URL, pool: true, maxConnections: 5 } as Parameters<
      typeof createTransport
    >[0]);
  }

  async send(to: string, mail: RenderedMail, headers: Record<string, string> = {}): Promise<string> {
    const info = (await this.transport.sendMail({ from: this.env.MAIL_FROM, to, headers, ...mail })) as {
      messageId: string;
    };
    return info.messageId;
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
