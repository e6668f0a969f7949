import type { INestApplicationContext } from '@nestjs/common';

export interface ShutdownOptions {
  /** Hard limit: past it the process exits with code 1 even if work is still running. */
  timeoutMs?: number;
  onSignal?: (signal: NodeJS.Signals) => void;
  onError?: (err: unknown) => void;
}

/**
 * On SIGTERM/SIGINT: close the application (Nest runs the shutdown hooks: the
 * HTTP server stops accepting and drains, queues stop taking jobs, pools
 * close), then exit 0; exit 1 if that takes longer than `timeoutMs`.
 * Used instead of `enableShutdownHooks()`, which re-raises the signal and so
 * ends the process with a signal status instead of a clean exit code.
 */
export function exitGracefullyOnSignals(app: INestApplicationContext, options: ShutdownOptions = {}): void {
  const timeoutMs = options.timeoutMs ?? 10_000;
  let closing = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (closing) return;
    closing = true;
    options.onSignal?.(signal);
    setTimeout(() => {
      process.exit(1);
    }, timeoutMs).unref();
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        options.onError?.(err);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', handler);
  process.once('SIGINT', handler);
}
