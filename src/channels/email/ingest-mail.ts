import type pg from 'pg';
import { type Actor, actorFromEmail, can, systemActor } from '../../auth/index.ts';
import { resolveCustomer } from '../../customers/index.ts';
import { type Db, withTransaction } from '../../db/pool.ts';
import { AppError } from '../../platform/errors.ts';
import type { Ctx } from '../../platform/context.ts';
import { htmlToText } from '../../platform/sanitize-html.ts';
import { addMessage, createTicket, getTicket, linkTickets, type NewMessage, type Ticket } from '../../tickets/index.ts';
import {
  type InboundOutcome,
  insertInbound,
  screenSender,
  selectOutboxByHeaders,
  selectThread,
  selectTicketByMessageIds,
  setFollowUp,
  settleInbound,
  type ThreadEntry,
} from './email.queries.ts';
import { recordDelivery } from './delivery.ts';
import { withStoredInlineImages } from './read-mail-source.ts';
import { contentHash, type InboundMail, parseMail, rawMessageId } from './parse-mail.ts';
import { findReplyToken, subjectTicketId } from './reply-token.ts';
import { hasQuotedHistory, visibleHtml, visibleText } from './visible-text.ts';

export interface ReceivedMail {
  raw: Buffer;
  source: 'smtp' | 'imap';
  mailboxId: number | null;
  /** SMTP MAIL FROM: '' for the null sender of bounces and auto-replies; null when unknown (IMAP). */
  envelopeFrom: string | null;
  envelopeTo: string[];
}

export interface IngestResult {
  inboundId: number;
  /** The same mail was stored before; nothing new was written. */
  duplicate: boolean;
  status: InboundOutcome['status'];
  ticketId: number | null;
  messageId: number | null;
}

// More mails than this from one sender in the window is a loop (two auto-responders answering each other).
const LOOP_LIMIT = { mails: 30, minutes: 10 };
const MAX_BODY = 900_000;

/** Postgres errors that mean "try again later", not "this mail cannot be processed". */
const isTransient = (error: unknown) => typeof (error as pg.DatabaseError)?.code === 'string' && /^(08|40|53|57)/.test((error as pg.DatabaseError).code as string);

/** A filed mail's outcome, and the thread it joined when it became a ticket message. */
interface Filing {
  outcome: InboundOutcome;
  thread: ThreadEntry | null;
}

/** Filing a mail failed for a reason a retry would not cure; the mail is kept as failed with it. */
class FilingFailed extends Error {}

/**
 * Stores a received mail and files it into a ticket in one transaction, so that once this
 * resolves the mail is durable and processed exactly once: the same mail again (an SMTP retry,
 * an IMAP re-fetch) finds its stored row and changes nothing. A mail that cannot be filed is
 * still stored, with the reason, for an admin to re-process; only a database outage rejects it.
 */
export async function ingestMail(db: Db, key: Buffer, mail: ReceivedMail): Promise<IngestResult> {
  let parsed: InboundMail | null = null;
  let parseError: string | null = null;
  try {
    parsed = await parseMail(mail.raw, mail.envelopeFrom);
  } catch (error) {
    parseError = `could not parse the mail: ${(error as Error).message}`;
  }
  const store = (file: (tx: pg.PoolClient, inboundId: number) => Promise<Filing>) =>
    withTransaction(db, async (tx): Promise<IngestResult> => {
      const stored = await insertInbound(tx, {
        mailboxId: mail.mailboxId,
        source: mail.source,
        messageId: parsed?.messageId ?? rawMessageId(mail.raw),
        contentHash: contentHash(mail.raw),
        envelopeFrom: mail.envelopeFrom,
        envelopeTo: mail.envelopeTo,
        fromAddress: parsed?.from?.address ?? null,
        subject: parsed?.subject.slice(0, 1000) ?? null,
        raw: mail.raw,
      });
      if (stored.duplicate) {
        return { inboundId: stored.id, duplicate: true, status: stored.status as IngestResult['status'], ticketId: null, messageId: stored.ticketMessageId };
      }
      const { outcome, thread } = await file(tx, stored.id);
      await settleInbound(tx, stored.id, outcome, thread);
      return { inboundId: stored.id, duplicate: false, status: outcome.status, ticketId: outcome.ticketId, messageId: outcome.ticketMessageId };
    });
  try {
    // Filed in the transaction that stores the mail, with no savepoint: a mail that cannot be
    // filed (rare) rolls it all back and is then stored on its own, as failed.
    return await store(async (tx, inboundId) => {
      if (!parsed) return { outcome: failed(parseError ?? 'could not parse the mail'), thread: null };
      try {
        return await fileMail(tx, key, inboundId, parsed, mail.mailboxId);
      } catch (error) {
        throw isTransient(error) ? error : new FilingFailed(filingFailure(error));
      }
    });
  } catch (error) {
    if (!(error instanceof FilingFailed)) throw error;
    return store(async () => ({ outcome: failed(error.message), thread: null }));
  }
}

/** Files a stored mail again (after a fix), in the caller's transaction. */
export async function refileMail(tx: pg.PoolClient, key: Buffer, inboundId: number, raw: Buffer, mailboxId: number | null, envelopeFrom: string | null): Promise<InboundOutcome> {
  let filing: Filing;
  try {
    filing = await fileSafely(tx, key, inboundId, await parseMail(raw, envelopeFrom), mailboxId);
  } catch (error) {
    filing = { outcome: failed(`could not parse the mail: ${(error as Error).message}`), thread: null };
  }
  await settleInbound(tx, inboundId, filing.outcome, filing.thread);
  return filing.outcome;
}

const failed = (reason: string): InboundOutcome => ({ status: 'failed', reason, ticketId: null, ticketMessageId: null });
const ignored = (reason: string): Filing => ({ outcome: { status: 'ignored', reason, ticketId: null, ticketMessageId: null }, thread: null });
const filingFailure = (error: unknown) => (error instanceof AppError ? `${error.field ? `${error.field}: ` : ''}${error.message}` : String((error as Error).message ?? error));

/** Runs the filing under a savepoint: a mail that cannot be filed rolls back its partial writes and is kept as failed. */
async function fileSafely(tx: pg.PoolClient, key: Buffer, inboundId: number, mail: InboundMail, mailboxId: number | null): Promise<Filing> {
  await tx.query('SAVEPOINT file_mail');
  try {
    const filing = await fileMail(tx, key, inboundId, mail, mailboxId);
    await tx.query('RELEASE SAVEPOINT file_mail');
    return filing;
  } catch (error) {
    if (isTransient(error)) throw error;
    await tx.query('ROLLBACK TO SAVEPOINT file_mail');
    return { outcome: failed(filingFailure(error)), thread: null };
  }
}

async function fileMail(tx: pg.PoolClient, key: Buffer, inboundId: number, mail: InboundMail, mailboxId: number | null): Promise<Filing> {
  const ctx: Ctx = { db: tx, actor: systemActor };
  const from = mail.from;
  if (!from) return { outcome: failed('the mail has no From address'), thread: null };
  const screen = await screenSender(tx, from.address, LOOP_LIMIT.minutes, mailboxId);
  const { ownAddresses, mailbox } = screen;
  if (mail.fromTend || ownAddresses.has(from.address)) return ignored('sent by Tend itself (mail loop)');
  if (screen.blocked) return ignored(`sender ${from.address} is blocklisted`);

  if (mail.kind === 'bounce') {
    const bounced = await selectOutboxByHeaders(tx, mail.bounce?.messageIds ?? []);
    if (!bounced) return ignored('delivery report about no mail Tend sent');
    await recordDelivery(tx, bounced, { status: 'bounced', error: mail.bounce?.diagnostic || 'the receiving server returned the mail' });
    return { outcome: { status: 'processed', reason: 'delivery report', ticketId: bounced.ticketId, ticketMessageId: null, bounceOfOutboxId: bounced.id }, thread: null };
  }
  if (screen.recentMails > LOOP_LIMIT.mails) {
    return ignored(`more than ${LOOP_LIMIT.mails} mails from ${from.address} in ${LOOP_LIMIT.minutes} minutes (mail loop?)`);
  }

  const threadTicketId =
    (await selectTicketByMessageIds(tx, [mail.inReplyTo, ...[...mail.references].reverse()].filter((id): id is string => !!id))) ??
    (await existingTicket(ctx, subjectTicketId(mail.subject))) ??
    (await existingTicket(ctx, findReplyToken(key, mail.text, mail.html ?? '')));
  if (threadTicketId === null && mail.kind === 'auto_reply') return ignored('automatic reply to no ticket');

  const copied = [...mail.to, ...mail.cc].map((a) => a.address).filter((a) => !ownAddresses.has(a) && a !== from.address);
  const message = messageOf(mail, inboundId);

  let ticketId: number;
  let messageId: number;
  const target = threadTicketId === null ? null : await openTicketOf(ctx, threadTicketId);
  if (target && target.status !== 'closed') {
    const agent = await agentActor(tx, from.address);
    const author = agent ? { author: 'agent' as const } : { author: 'customer' as const, customerId: await resolveCustomer(tx, { email: from.address, name: from.name }) };
    const added = await addMessage(agent ? { db: tx, actor: agent } : ctx, target.id, { ...message, ...author });
    ticketId = target.id;
    messageId = added.id;
    // Whoever writes besides the requester stays copied on the replies.
    if (!agent && from.address !== target.requester.email) copied.push(from.address);
  } else {
    const created = await createTicket(ctx, {
      subject: mail.subject || '(no subject)',
      requester: { email: from.address, name: from.name },
      message: { ...message, author: 'customer' },
      channel: 'email',
      teamId: mailbox?.teamId ?? null,
    });
    ticketId = created.ticket.id;
    messageId = created.messageId;
    if (target) {
      await linkTickets(ctx, ticketId, target.id);
      await setFollowUp(tx, target.id, ticketId);
    }
  }
  return {
    outcome: { status: 'processed', reason: null, ticketId, ticketMessageId: messageId },
    thread: { ticketId, header: mail.messageId, messageId, mailboxId: mailbox?.id ?? null, cc: copied },
  };
}

async function existingTicket(ctx: Ctx, id: number | null): Promise<number | null> {
  if (id === null) return null;
  return getTicket(ctx, id).then(
    (t) => t.id,
    () => null,
  );
}

/** Where a reply to this ticket goes: through merges, and to the follow-up of a closed ticket while that is open. */
async function openTicketOf(ctx: Ctx, ticketId: number): Promise<Ticket> {
  let ticket = await getTicket(ctx, ticketId);
  for (let hops = 0; hops < 10; hops++) {
    if (ticket.mergedIntoId) {
      ticket = await getTicket(ctx, ticket.mergedIntoId);
      continue;
    }
    const followUp = ticket.status === 'closed' ? (await selectThread(ctx.db, ticket.id))?.followUpTicketId : null;
    if (!followUp) break;
    ticket = await getTicket(ctx, followUp);
  }
  return ticket;
}

/** A mail from an agent's own address to one of their tickets is their reply, with their permissions. */
async function agentActor(tx: pg.PoolClient, address: string): Promise<Actor | null> {
  const actor = await actorFromEmail(tx, address);
  return actor && can(actor, 'tickets.reply') ? actor : null;
}

const looksLikeReply = (mail: InboundMail, text: string) =>
  !!mail.inReplyTo || mail.references.length > 0 || /^\s*(re|aw|sv|antw|fwd?|wg)\s*:/i.test(mail.subject) || hasQuotedHistory(text);

/** The new text of the mail as a ticket message; inline images point at their stored attachment. */
function messageOf(mail: InboundMail, inboundId: number): NewMessage {
  const html = mail.html === null ? undefined : withStoredInlineImages(visibleHtml(mail.html), inboundId);
  const source = mail.text.trim() ? mail.text : mail.html ? htmlToText(mail.html) : '';
  // The reply parser is the costliest step of filing a mail; a first mail has no history to cut.
  const body = (looksLikeReply(mail, source) ? visibleText(source) : source.trim()).slice(0, MAX_BODY) || (mail.attachments.length ? '' : '(empty message)');
  return {
    body,
    html,
    sourceKept: true,
    channel: 'email',
    attachments: mail.attachments,
    metadata: {
      email: {
        inboundId,
        messageId: mail.messageId,
        from: mail.from,
        to: mail.to,
        cc: mail.cc,
        subject: mail.subject,
        date: mail.date?.toISOString() ?? null,
        inReplyTo: mail.inReplyTo,
        ...(mail.kind === 'person' ? {} : { automated: mail.kind }),
      },
    },
  };
}
