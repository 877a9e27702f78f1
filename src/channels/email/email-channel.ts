import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/pool.ts';
import { emailSettingsFromEnv } from './email-settings.ts';
import { startImapPollers } from './imap-poller.ts';
import { anyMailWaiting } from './email.queries.ts';
import { queueMailFiling } from './ingest-mail.ts';
import { secretKey } from './secret-box.ts';
import { startSmtpListener } from './smtp-listener.ts';

/** Starts what brings mail in (the SMTP listener, the IMAP pollers); answers the function that stops them. */
export async function startEmailChannel(deps: { db: Db; config: Config; log: Logger }): Promise<() => Promise<void>> {
  const settings = emailSettingsFromEnv();
  const key = secretKey(deps.config.dataDir);
  const log = deps.log.child({ channel: 'email' });
  // Mail stored before a stop, or whose filing ran out of tries, is taken up again.
  if (await anyMailWaiting(deps.db)) await queueMailFiling(deps.db);
  // A taken port must not keep the help desk from starting: senders retry until SMTP is back.
  const smtp = await startSmtpListener(
    deps.db,
    { port: settings.smtpPort, host: settings.smtpHost, maxSize: settings.smtpMaxSize, tlsCert: settings.smtpTlsCert, tlsKey: settings.smtpTlsKey },
    log,
  ).catch((error: Error) => {
    log.error({ err: error }, `email: cannot listen for SMTP on port ${settings.smtpPort}; inbound SMTP is off`);
    return null;
  });
  if (smtp) log.info({ port: smtp.port }, 'email: SMTP listener ready');
  const pollers = startImapPollers(deps.db, key, { pollMs: settings.imapPollMs }, log);
  return async () => {
    await pollers.stop();
    await smtp?.close();
  };
}
