import { Module, type DynamicModule } from '@nestjs/common';
import { CoreConfigModule, LoggingModule, type Env } from '@app/core';
import { MailModule } from '@app/mail';
import { QueueModule } from '@app/queue';
import { EmailProcessor, configureEmailWorker } from './email/email.processor';
import { PasswordResetTokens } from './email/password-reset-tokens';
import { WorkerDatabaseModule } from './database.module';
import { JobLedger } from './jobs/job-ledger.service';
import { OutboxRelay } from './outbox/outbox.relay';
import { MaintenanceProcessor } from './maintenance/maintenance.processor';

/** The worker: the same config, logging and queue libs as the API, no HTTP server. */
@Module({})
export class WorkerModule {
  static forRoot(env: Env): DynamicModule {
    configureEmailWorker(env);
    return {
      module: WorkerModule,
      imports: [
        CoreConfigModule.forRoot(env),
        LoggingModule.forRoot(env, 'worker'),
        WorkerDatabaseModule,
        QueueModule,
        MailModule,
      ],
      providers: [EmailProcessor, PasswordResetTokens, JobLedger, OutboxRelay, MaintenanceProcessor],
    };
  }
}
