import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { Queryable } from '../../db/pool.ts';
import { enqueue } from '../../jobs/enqueue.ts';
import { insertMessageRef, insertOutbox, selectMailbox, selectMailboxes, selectThread } from './email.queries.ts';
import { SEND_ATTEMPTS, SEND_TASK } from './outbound.ts';
import { TEND_HEADER } from './parse-mail.ts';

export interface SystemMail {
  ticketId: number;
  /** The ticket message that records the sending: the outbox row hangs on it, so its delivery shows there. */
  messageId: number;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Mail Tend writes about a ticket (a chat transcript, …) rather than an agent's reply. Composed now
 * and kept on its outbox row, then sent by the same `email.send` job, with the same retries, from
 * the ticket's mailbox or else the first active one. A reply to it threads into the ticket.
 * Call inside the transaction that adds the message; null when that message was mailed already.
 */
export async function enqueueSystemMail(tx: Queryable, mail: SystemMail): Promise<number | null> {
  const thread = await selectThread(tx, mail.ticketId);
  const mailbox = thread?.mailboxId ? await selectMailbox(tx, thread.mailboxId) : ((await selectMailboxes(tx, { activeOnly: true }))[0] ?? null);
  const header = `tend.${mail.ticketId}.${mail.messageId}@${mailbox?.address.split('@')[1] ?? 'tend.invalid'}`;
  const raw = await new MailComposer({
    from: { name: mailbox?.name || 'Tend', address: mailbox?.address ?? 'no-reply@tend.invalid' },
    to: mail.to,
    subject: mail.subject,
    messageId: `<${header}>`,
    headers: { [TEND_HEADER]: String(mail.ticketId) },
    text: mail.text,
    html: mail.html,
  })
    .compile()
    .build();
  const outboxId = await insertOutbox(tx, { messageId: mail.messageId, ticketId: mail.ticketId, mailboxId: mailbox?.id ?? null, messageIdHeader: header, to: [mail.to.toLowerCase()], cc: [], raw });
  if (outboxId === null) return null;
  await insertMessageRef(tx, header, mail.ticketId, mail.messageId, 'out');
  await enqueue(tx, SEND_TASK, { outboxId }, { jobKey: `${SEND_TASK}:${mail.messageId}`, maxAttempts: SEND_ATTEMPTS });
  return outboxId;
}
