// A real SMTP server on 127.0.0.1 for the email channel's tests. It offers no STARTTLS, so the
// client speaks plain SMTP, the way it would to a server that cannot do better.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

export interface ReceivedMail {
  messageId: string | undefined;
  /** The envelope's sender and recipients, as the server was told them. */
  from: string | undefined;
  to: string[];
  subject: string | undefined;
  text: string | undefined;
  /** The headers with a plain text value, by lower-case name. */
  headers: Record<string, string>;
}

export interface SmtpPeer {
  port: number;
  received: ReceivedMail[];
  /** The next `count` messages get 451 after DATA and are not stored. */
  failNext(count: number): void;
  /** The next `count` messages get 550 after DATA and are not stored. */
  rejectNext(count: number): void;
  close(): Promise<void>;
}

function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

export async function startSmtpPeer(): Promise<SmtpPeer> {
  const received: ReceivedMail[] = [];
  const refusals: number[] = [];

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      // The whole message is read even when it is refused: smtp-server needs the stream drained.
      simpleParser(stream).then(
        (mail) => {
          const refusal = refusals.shift();
          if (refusal === 451) return callback(smtpError(451, 'Temporary local problem, try again later'));
          if (refusal === 550) return callback(smtpError(550, 'Message refused'));
          received.push({
            messageId: mail.messageId,
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject,
            text: mail.text,
            headers: Object.fromEntries(
              [...mail.headers].filter((h): h is [string, string] => typeof h[1] === 'string'),
            ),
          });
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });

  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    failNext: (count) => refusals.push(...Array<number>(count).fill(451)),
    rejectNext: (count) => refusals.push(...Array<number>(count).fill(550)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
