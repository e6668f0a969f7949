import type { INestApplicationContext } from '@nestjs/common';

/**
 * Set when a shutdown signal arrives: /health answers 503 and responses carry
 * `Connection: close`, so that a load balancer stops sending new requests
 * here while the ones in flight finish.
 */
export const shutdownState = { draining: false };

export interface ShutdownOptions {
  /** Hard limit after the drain: past it the process exits with code 1 even if work is still running. */
  timeoutMs?: number;
  /**
   * How long to keep serving after the signal, with /health at 503, before
   * closing (a load balancer's health-check interval x its failure threshold).
   */
  drainMs?: number;
  onSignal?: (signal: NodeJS.Signals) => void;
  onError?: (err: unknown) => void;
}

/**
 * On SIGTERM/SIGINT: drain (`drainMs`: keep serving, /health at 503), then
 * close the application (Nest runs the shutdown hooks: the HTTP server stops
 * accepting and finishes the requests in flight, queues stop taking jobs,
 * pools close), then exit 0; exit 1 if closing takes longer than `timeoutMs`.
 * Used instead of `enableShutdownHooks()`, which re-raises the signal and so
 * ends the process with a signal status instead of a clean exit code.
 */
export function exitGracefullyOnSignals(app: INestApplicationContext, options: ShutdownOptions = {}): void {
  const timeoutMs = options.timeoutMs ?? 10_000;
  let closing = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (closing) return;
    closing = true;
    shutdownState.draining = true;
    options.onSignal?.(signal);
    const close = (): void => {
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
    if (options.drainMs) setTimeout(close, options.drainMs);
    else close();
  };
  process.once('SIGTERM', handler);
  process.once('SIGINT', handler);
}
