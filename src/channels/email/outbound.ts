import type { Task } from 'graphile-worker';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type pg from 'pg';
import { recordAudit } from '../../audit/index.ts';
import { requirePermission, systemActor } from '../../auth/index.ts';
import { loadConfig } from '../../config.ts';
import { type DbOrTx, inClientTransaction, type Queryable, withTransaction } from '../../db/pool.ts';
import type { DomainEvent } from '../../events/index.ts';
import { enqueue } from '../../jobs/enqueue.ts';
import type { Ctx } from '../../platform/context.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { encodeCursor } from '../../platform/pagination.ts';
import { getAttachment, getTicket, listMessages, type Message } from '../../tickets/index.ts';
import {
  insertMessageRef,
  insertOutbox,
  type Mailbox,
  type OutboxEntry,
  requeueOutbox,
  selectMailbox,
  selectOutbox,
  selectOutboxForMessage,
  selectOutboxRaw,
  selectThread,
  selectThreadMessageIds,
} from './email.queries.ts';
import { announceDelivery, recordDelivery } from './delivery.ts';
import { smtpRelayUrl } from './email-settings.ts';
import { mailboxSecrets, outgoingOf } from './manage-mailboxes.ts';
import { cannotSend, replyMailing } from './reply-route.ts';
import { TEND_HEADER } from './parse-mail.ts';
import { replyToken } from './reply-token.ts';
import { secretKey } from './secret-box.ts';

export const SEND_TASK = 'email.send';
// With graphile-worker's exponential backoff, eight tries span about an hour and a quarter.
export const SEND_ATTEMPTS = 8;

/** The key of this process: the same one the SMTP listener uses to check reply tokens. */
export const processKey = () => secretKey(loadConfig().dataDir);

/**
 * Event subscriber: an agent's public reply on an email ticket becomes an outbox row and a send
 * job. Safe to run again for the same event: the outbox row is unique per message, the job key
 * per message, and the job itself does nothing for a row no longer queued.
 */
export async function enqueueEmailReply(db: Queryable, event: DomainEvent): Promise<void> {
  if (event.type !== 'message.created') return;
  const { ticketId, messageId, internal, authorType, ticketChannel } = event.payload as { ticketId: number; messageId: number; internal: boolean; authorType: string; ticketChannel?: string };
  if (internal || authorType !== 'agent') return;
  // The dispatcher hands subscribers a pooled client of their own, outside any transaction.
  const client = db as pg.PoolClient;
  const ctx: Ctx = { db: client as DbOrTx, actor: systemActor };
  const thread = await selectThread(client, ticketId);
  // A chat or messaging ticket without a mail thread is answered on its own channel; no need to read it.
  if (!thread && ticketChannel !== undefined && ticketChannel !== 'email') return;
  const mailing = await replyMailing(client, await getTicket(ctx, ticketId), thread);
  if (!mailing?.to) return;
  const { mailbox, to, cc } = mailing;
  const header = `tend.${ticketId}.${messageId}@${mailbox?.address.split('@')[1] ?? 'tend.invalid'}`;
  await inClientTransaction(client, async (tx) => {
    const outboxId = await insertOutbox(tx, { messageId, ticketId, mailboxId: mailbox?.id ?? null, messageIdHeader: header, to: [to], cc });
    if (outboxId !== null) {
      await insertMessageRef(tx, header, ticketId, messageId, 'out');
      await enqueueSend(tx, outboxId, messageId);
    }
  });
}

/** The job that mails an outbox row: one per message, whoever asks. */
const enqueueSend = (tx: Queryable, outboxId: number, messageId: number) => enqueue(tx, SEND_TASK, { outboxId }, { jobKey: `${SEND_TASK}:${messageId}`, maxAttempts: SEND_ATTEMPTS });

/**
 * Mails again a reply that failed or came back, once what was wrong is mended (the mailbox's
 * outgoing server, a full mailbox at the other end): the same mail, to the same people.
 */
export async function resendEmailReply(ctx: Ctx, messageId: number): Promise<OutboxEntry> {
  requirePermission(ctx.actor, 'tickets.reply');
  return withTransaction(ctx.db, async (tx) => {
    const entry = await selectOutboxForMessage(tx, messageId, true);
    if (!entry) throw notFound('email delivery for this message');
    if (entry.status !== 'failed' && entry.status !== 'bounced') throw conflict(`the reply is ${entry.status}; only one that failed or came back is mailed again`, 'messageId');
    await requeueOutbox(tx, entry.id);
    await enqueueSend(tx, entry.id, messageId);
    await recordAudit(tx, ctx.actor, { action: 'ticket.message_resent', entityType: 'ticket', entityId: entry.ticketId, before: { messageId, status: entry.status }, after: { messageId, status: 'queued' } });
    await announceDelivery(tx, entry, 'queued');
    return { ...entry, status: 'queued' };
  });
}

const replySubject = (subject: string, ticketId: number) => `Re: ${subject.replace(/^((re|fwd?|aw|sv|antw)\s*:\s*)+/i, '').replace(/\s*\[#\d+\]/g, '')} [#${ticketId}]`;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** One message of a ticket: listMessages pages by id, so the page after `id - 1` starts with it. */
async function loadMessage(ctx: Ctx, ticketId: number, messageId: number): Promise<Message | null> {
  const page = await listMessages(ctx, ticketId, { cursor: encodeCursor([messageId - 1]), limit: 1 });
  return page.data[0]?.id === messageId ? page.data[0] : null;
}

async function composeReply(ctx: Ctx, key: Buffer, entry: OutboxEntry, mailbox: Mailbox): Promise<Buffer> {
  const ticket = await getTicket(ctx, entry.ticketId);
  const message = await loadMessage(ctx, entry.ticketId, entry.messageId);
  if (!message) throw new Error(`message ${entry.messageId} no longer exists`);
  const known = (await selectThreadMessageIds(ctx.db, entry.ticketId)).filter((r) => r.header !== entry.messageIdHeader);
  const refs = known.map((r) => r.header);
  const lastInbound = known.filter((r) => r.direction === 'in').pop()?.header;
  const token = replyToken(key, entry.ticketId);
  const html = message.html ?? `<div>${escapeHtml(message.body).replace(/\n/g, '<br>')}</div>`;
  const attachments = await Promise.all(message.attachments.map((a) => getAttachment(ctx, a.id)));
  const mail = new MailComposer({
    from: { name: `${message.author.name} (${mailbox.name || mailbox.address})`, address: mailbox.address },
    replyTo: mailbox.address,
    to: entry.to,
    cc: entry.cc,
    subject: replySubject(ticket.subject, ticket.id),
    messageId: `<${entry.messageIdHeader}>`,
    ...(lastInbound ? { inReplyTo: `<${lastInbound}>` } : {}),
    ...(refs.length ? { references: refs.slice(-20).map((r) => `<${r}>`) } : {}),
    headers: { [TEND_HEADER]: String(ticket.id) },
    text: `${message.body}\n\n[${token}]`,
    html: `${html}<div style="display:none;font-size:0;line-height:0;max-height:0;overflow:hidden">${token}</div>`,
    attachments: attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.data, ...(a.contentId ? { cid: a.contentId } : {}) })),
  });
  return mail.compile().build();
}

interface SmtpFailure {
  responseCode?: number;
  response?: string;
  message: string;
}

/**
 * The `email.send` job: mails one outbox row through its mailbox's SMTP server. A 5xx answer
 * fails the row for good, with the server's words kept on it; a 4xx or a connection failure is
 * retried with backoff until the last try. A row no longer queued is never sent again.
 */
export const sendEmailReply: Task = async (payload, helpers) => {
  const { outboxId } = payload as { outboxId: number };
  await helpers.withPgClient(async (client) => {
    const ctx: Ctx = { db: client, actor: systemActor };
    const entry = await selectOutbox(client, outboxId);
    if (!entry || entry.status !== 'queued') return;
    const record = (outcome: Parameters<typeof recordDelivery>[2]) => inClientTransaction(client, (tx) => recordDelivery(tx, entry, outcome));
    const mailbox = entry.mailboxId ? await selectMailbox(client, entry.mailboxId) : null;
    const outgoing = mailbox ? outgoingOf(mailbox) : 'none';
    if (!mailbox || outgoing === 'none') {
      await record({ status: 'failed', error: cannotSend(mailbox) });
      return;
    }
    const key = processKey();
    // A retry sends the very bytes of the first try; system mail arrives composed.
    const raw = (await selectOutboxRaw(client, outboxId)) ?? (await composeReply(ctx, key, entry, mailbox));
    const transport =
      outgoing === 'relay'
        ? nodemailer.createTransport(smtpRelayUrl() as string, { connectionTimeout: 30_000 } as object)
        : nodemailer.createTransport({
            host: mailbox.smtp.host ?? undefined,
            port: mailbox.smtp.port ?? 587,
            secure: mailbox.smtp.secure,
            ...(mailbox.smtp.user ? { auth: { user: mailbox.smtp.user, pass: mailboxSecrets(key, mailbox).smtpPassword ?? '' } } : {}),
            connectionTimeout: 30_000,
          });
    try {
      const info = await transport.sendMail({ envelope: { from: mailbox.address, to: [...entry.to, ...entry.cc] }, raw });
      await record({ status: 'sent', error: null, smtpResponse: info.response, raw });
    } catch (error) {
      const failure = error as SmtpFailure;
      const text = failure.response ?? failure.message;
      const permanent = (failure.responseCode ?? 0) >= 500;
      const lastTry = helpers.job.attempts >= helpers.job.max_attempts;
      await record({ status: permanent || lastTry ? 'failed' : 'queued', error: text, smtpResponse: failure.response ?? null, raw });
      if (!permanent && !lastTry) throw new Error(`temporary failure sending outbox #${outboxId}: ${text}`, { cause: error });
    } finally {
      transport.close();
    }
  });
};
