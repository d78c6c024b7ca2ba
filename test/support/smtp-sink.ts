import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A mail the sink accepted, with the envelope's recipients. */
export interface ReceivedMail {
  mail: ParsedMail;
  /** the envelope's recipients, comma-separated */
  to: string;
}

/**
 * A real SMTP server in the test process (smtp-server, no auth, no STARTTLS) on a free port of 127.0.0.1 that
 * keeps every mail it accepts, parsed (mailparser): the api's sender delivers to it over `url`.
 */
export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL or the harness's `smtpUrl` */
  readonly url: string;
  /** every mail accepted so far, in order of arrival */
  readonly received: ReceivedMail[];
  /** the mails to `email` (the whole envelope recipient), whose subject matches `subject` when given */
  mailsTo(email: string, subject?: RegExp): ReceivedMail[];
  /** called with each mail before the server answers 250 (a test can kill the sender there) */
  onMessage: ((mail: ParsedMail) => void) | null;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push({ mail, to: session.envelope.rcptTo.map((rcpt) => rcpt.address).join(',') });
          sink.onMessage?.(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  const sink: SmtpSink = {
    url: `smtp://127.0.0.1:${port}`,
    received,
    mailsTo: (email, subject) =>
      received.filter((item) => item.to === email && (!subject || subject.test(item.mail.subject ?? ''))),
    onMessage: null,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return sink;
}

/** Probes every 200 ms until `ok` holds for its value (then answers it) or `ms` passed (then throws). */
export async function eventually<T>(
  probe: () => T | Promise<T>,
  ok: (value: T) => boolean,
  ms = 30_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value: ${JSON.stringify(value)}`);
    await new Promise((wait) => setTimeout(wait, 200));
  }
}
