import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import type { Db } from '../../db/pool.ts';
import { selectMailboxForRecipient } from './email.queries.ts';
import { eachAloneOnFailure, groupCommit } from '../../db/group-commit.ts';
import { type ReceivedMail, storeReceived } from './ingest-mail.ts';

export interface SmtpListenerOptions {
  port: number;
  host: string;
  /** Largest mail accepted, in bytes; bigger ones are refused with 552 and nothing is stored. */
  maxSize: number;
  /** PEM files; with both, STARTTLS is offered. */
  tlsCert?: string;
  tlsKey?: string;
  /** Told how long each mail took from the end of DATA to its 250 (for the benchmark). */
  onStored?: (ms: number) => void;
}

export interface SmtpListener {
  port: number;
  close(): Promise<void>;
}

const smtpError = (message: string, responseCode: number) => Object.assign(new Error(message), { responseCode });

/** The mailbox each accepted recipient (smtp-server's address object) was found to deliver to at RCPT TO. */
const mailboxOfRecipient = new WeakMap<object, number>();

/**
 * Tend's inbound SMTP: accepts mail only for configured mailboxes (550 otherwise), and answers
 * 250 only after the mail is committed to Postgres. A database outage answers 451, so the
 * sending server keeps the mail and retries.
 */
export async function startSmtpListener(db: Db, options: SmtpListenerOptions, log: Logger): Promise<SmtpListener> {
  // Mails whose DATA ends at the same moment are stored by one transaction (group commit); the
  // filing job files them into tickets after the 250, many to a transaction.
  const store = groupCommit((mails: ReceivedMail[]) => eachAloneOnFailure(mails, (batch) => storeReceived(db, batch)));
  const tls = options.tlsCert && options.tlsKey ? { cert: readFileSync(options.tlsCert), key: readFileSync(options.tlsKey) } : null;
  const server = new SMTPServer({
    name: 'tend',
    banner: 'Tend help desk',
    size: options.maxSize,
    authOptional: true,
    disabledCommands: tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(tls ?? {}),
    logger: false,
    onRcptTo(address, session, callback) {
      selectMailboxForRecipient(db, address.address).then(
        (mailbox) => {
          if (mailbox) mailboxOfRecipient.set(address, mailbox.id);
          callback(mailbox ? null : smtpError(`5.1.1 <${address.address}>: no such mailbox here`, 550));
        },
        (error: Error) => {
          log.error({ err: error }, 'smtp: recipient lookup failed');
          callback(smtpError('4.3.0 temporary failure, try again later', 451));
        },
      );
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error) => callback(error));
      stream.on('end', () => {
        if (stream.sizeExceeded) return callback(smtpError(`5.3.4 message exceeds the size limit of ${options.maxSize} bytes`, 552));
        const dataEnd = performance.now();
        store(received(Buffer.concat(chunks), session)).then(
          (result) => {
            options.onStored?.(performance.now() - dataEnd);
            callback(null, `2.0.0 stored as #${result.inboundId}`);
          },
          (error: Error) => {
            log.error({ err: error }, 'smtp: could not store a mail');
            callback(smtpError('4.3.0 could not store the message, try again later', 451));
          },
        );
      });
    },
  });
  server.on('error', (error) => log.warn({ err: error }, 'smtp: connection error'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function received(raw: Buffer, session: SMTPServerSession): ReceivedMail {
  const accepted = session.envelope.rcptTo.find((r) => mailboxOfRecipient.has(r));
  const mailFrom = session.envelope.mailFrom;
  return {
    raw,
    source: 'smtp',
    mailboxId: accepted ? (mailboxOfRecipient.get(accepted) as number) : null,
    envelopeFrom: mailFrom === false ? '' : mailFrom.address,
    envelopeTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
  };
}
