import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface CapturedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

export interface SmtpCatcher {
  /** smtp://127.0.0.1:<port> for SMTP_URL */
  url: string;
  mails: CapturedMail[];
  /** Resolves with the first mail (already received or still to come) that matches. */
  waitFor(match: (mail: CapturedMail) => boolean, timeoutMs?: number): Promise<CapturedMail>;
  /**
   * From now on, hold each message before answering its DATA: the sender
   * waits, mid-send. A message whose sender disconnects while held is not
   * delivered (it never got its 250), as with a real server.
   */
  hold(): void;
  /** Resolves when a message is being held. */
  holding(): Promise<void>;
  /** Answers the held messages and stops holding. */
  release(): void;
  close(): Promise<void>;
}

function toCaptured(parsed: ParsedMail, rcpt: string[]): CapturedMail {
  const headers: Record<string, string> = {};
  for (const [key, value] of parsed.headers) headers[key] = typeof value === 'string' ? value : JSON.stringify(value);
  return {
    from: parsed.from?.text ?? '',
    to: rcpt,
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : '',
    headers,
  };
}

/** A real SMTP listener on 127.0.0.1 (random port) that keeps every mail for assertions. */
export async function startSmtpCatcher(): Promise<SmtpCatcher> {
  const mails: CapturedMail[] = [];
  const waiters: { match: (m: CapturedMail) => boolean; resolve: (m: CapturedMail) => void }[] = [];
  const closed = new Set<string>();
  let holdGate: { promise: Promise<void>; open: () => void } | undefined;
  let holdingWaiters: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onClose(session) {
      closed.add(session.id);
    },
    onData(stream, session, callback) {
      const rcpt = session.envelope.rcptTo.map((r) => r.address);
      simpleParser(stream).then(
        async (parsed) => {
          if (holdGate) {
            const gate = holdGate.promise;
            for (const w of holdingWaiters) w();
            holdingWaiters = [];
            await gate;
            // Let a disconnect that happened while held be noticed: such a sender is gone, nothing delivered.
            await new Promise((r) => setTimeout(r, 100));
            if (closed.has(session.id)) return;
          }
          const mail = toCaptured(parsed, rcpt);
          mails.push(mail);
          for (const w of [...waiters]) {
            if (w.match(mail)) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve(mail);
            }
          }
          callback();
        },
        (err: unknown) => {
          callback(err instanceof Error ? err : new Error(String(err)));
        },
      );
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    waitFor(match, timeoutMs = 15_000) {
      const found = mails.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(
            new Error(`no matching mail within ${timeoutMs} ms; received: ${mails.map((m) => m.subject).join(', ')}`),
          );
        }, timeoutMs);
        waiters.push({
          match,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        });
      });
    },
    hold() {
      let open = (): void => undefined;
      const promise = new Promise<void>((resolve) => {
        open = resolve;
      });
      holdGate = { promise, open };
    },
    holding() {
      return new Promise((resolve) => {
        holdingWaiters.push(resolve);
      });
    },
    release() {
      const gate = holdGate;
      holdGate = undefined;
      gate?.open();
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}
