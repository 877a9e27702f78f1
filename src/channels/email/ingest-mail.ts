import type { Task } from 'graphile-worker';
import type pg from 'pg';
import { type Actor, actorFromEmail, can, systemActor } from '../../auth/index.ts';
import { resolveAndRecordCustomers } from '../../customers/index.ts';
import { eachAloneOnFailure } from '../../db/group-commit.ts';
import { type Db, inClientTransaction, type Queryable, withTransaction } from '../../db/pool.ts';
import { enqueue } from '../../jobs/enqueue.ts';
import { AppError } from '../../platform/errors.ts';
import type { Ctx } from '../../platform/context.ts';
import { htmlToText } from '../../platform/sanitize-html.ts';
import { addMessages, createTickets, getTicket, linkTickets, type NewMessage, type Ticket } from '../../tickets/index.ts';
import {
  claimReceived,
  type InboundOutcome,
  type InboundSettlement,
  type InboundRow,
  insertInbounds,
  screenSender,
  type SenderScreen,
  selectOutboxByHeaders,
  selectReceivedInbounds,
  selectThread,
  selectTicketByMessageIds,
  setFollowUp,
  settleInbounds,
  type StoredInboundRow,
  type ThreadEntry,
} from './email.queries.ts';
import { recordDelivery } from './delivery.ts';
import { processKey } from './outbound.ts';
import { withStoredInlineImages } from './read-mail-source.ts';
import { contentHash, type InboundMail, type MailAddress, parseMail, rawMessageId } from './parse-mail.ts';
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
  /** `received`: a mail stored before that still waits to be filed. */
  status: InboundOutcome['status'] | 'received';
  ticketId: number | null;
  messageId: number | null;
}

// More mails than this from one sender in the window is a loop (two auto-responders answering each other).
const LOOP_LIMIT = { mails: 30, minutes: 10 };
const MAX_BODY = 900_000;

export const FILE_RECEIVED_TASK = 'email.file-received';
/** How much received mail one filing transaction takes at most. */
const FILING_BATCH = { mails: 100, bytes: 16 * 1024 * 1024 };
/** How long one run of the filing job goes on before it hands over to the next run, so that a stop never waits on a stream of mail. */
const FILING_RUN_MS = 10_000;

/** Postgres errors that mean "try again later", not "this mail cannot be processed". */
const isTransient = (error: unknown) => typeof (error as pg.DatabaseError)?.code === 'string' && /^(08|40|53|57)/.test((error as pg.DatabaseError).code as string);

/** A filed mail's outcome, and the thread it joined when it became a ticket message. */
interface Filing {
  outcome: InboundOutcome;
  thread: ThreadEntry | null;
}

/** A parsed mail with the new text it adds to a ticket (its quoted history and signature cut off). */
interface ReadMail extends InboundMail {
  visible: { body: string; html: string | null };
}

/** A received mail, parsed, or why it could not be. */
export interface ParsedMail {
  mail: ReceivedMail;
  parsed: ReadMail | null;
  parseError: string | null;
}

/** A stored mail, parsed or not, to file. */
interface ToFile extends ParsedMail {
  inboundId: number;
}

/** Files a round of stored mails in the caller's transaction: one filing per mail, or `null` for one that waits. */
type FileRound = (tx: pg.PoolClient, round: Stored[]) => Promise<(Filing | null)[]>;

/** A stored mail to file into a ticket. */
interface Stored {
  inboundId: number;
  mail: ReadMail;
  mailboxId: number | null;
}

/**
 * Filing a mail failed for a reason a retry would not cure; the mail is kept as failed with it. An
 * AppError, so that a batch it fails is surely rolled back and each of its mails is filed alone.
 */
class FilingFailed extends AppError {
  constructor(reason: string) {
    super('validation', reason);
  }
}

/** Stores and files one received mail; see `ingestMails`. */
export async function ingestMail(db: Db, key: Buffer, mail: ReceivedMail): Promise<IngestResult> {
  const [result] = await ingestMails(db, key, [await parseReceived(mail)]);
  if (result?.status !== 'fulfilled') throw result?.reason;
  return result.value;
}

/**
 * Stores received mails and files them into tickets in one transaction, so that once this resolves
 * each mail is durable and processed exactly once: the same mail again (an IMAP re-fetch) finds its
 * stored row and changes nothing. Mails received together are written together: their statements
 * each write all of them, as ticket creation does. Should one mail fail to file, each is stored and
 * filed alone, so that it is kept as failed, with the reason, for an admin to re-process, and the
 * others are filed. Only a database outage rejects a mail.
 */
export async function ingestMails(db: Db, key: Buffer, mails: ParsedMail[]): Promise<PromiseSettledResult<IngestResult>[]> {
  return eachAloneOnFailure(
    mails,
    (batch) => storeAndFile(db, batch, (tx, round) => fileRound(tx, key, round)),
    (one) => aloneOrFailed((file) => storeAndFile(db, [one], file), key),
  );
}

/**
 * Stores received mails unfiled, with the job that files them (`fileReceivedMails`): what an SMTP
 * 250 needs, and no more, so that a sender waits for one INSERT, not for its mail's ticket. The same
 * mail stored before (an SMTP retry) answers as a duplicate and is stored once.
 */
export async function storeReceived(db: Db, mails: ReceivedMail[]): Promise<{ inboundId: number; duplicate: boolean }[]> {
  return withTransaction(db, async (tx) => {
    // The job is keyed: while one waits, more mail joins it; while one runs, the next is queued behind it.
    const [rows] = await Promise.all([insertInbounds(tx, mails.map((mail) => inboundRow(mail, null))), queueMailFiling(tx)]);
    return rows.map((row) => ({ inboundId: row.id, duplicate: row.duplicate }));
  });
}

/** Queues the filing job, for mail left waiting by a job that ran out of tries or a process that stopped. */
export async function queueMailFiling(db: Queryable): Promise<void> {
  await enqueue(db, FILE_RECEIVED_TASK, {}, { jobKey: FILE_RECEIVED_TASK, queueName: FILE_RECEIVED_TASK });
}

/**
 * The filing job: files every stored mail that waits, oldest first, many to a transaction, until
 * none waits. The next mails are read and parsed (through `db`) while these are filed (on `client`),
 * so that neither the database nor this process waits for the other. A failure that a retry may cure
 * (the database away) fails the job, which graphile-worker retries; what was filed stays filed and
 * what waits is taken up again. A mail stored during a run with a lower id than one already taken
 * (another process's transaction that committed late) queued a job of its own, which takes it; so
 * does a run that has filed its share while more waits.
 */
export async function fileReceivedMails(db: Queryable, client: pg.PoolClient, key: Buffer): Promise<void> {
  const readAfter = async (id: number): Promise<ToFile[]> =>
    Promise.all(
      (await selectReceivedInbounds(db, id, FILING_BATCH.mails, FILING_BATCH.bytes)).map(async ({ id: inboundId, ...mail }) => ({ inboundId, ...(await parseReceived(mail)) })),
    );
  const started = performance.now();
  let next = readAfter(0);
  for (;;) {
    const toFile = await next;
    if (toFile.length === 0) return;
    if (performance.now() - started > FILING_RUN_MS) return queueMailFiling(db);
    next = readAfter((toFile.at(-1) as ToFile).inboundId);
    // Marked handled: should filing fail, the job fails with filing's error, not with a later read's.
    next.catch(() => {});
    const results = await eachAloneOnFailure(
      toFile,
      (batch) => fileStoredReceived(client, batch, (tx, round) => fileRound(tx, key, round)),
      (one) => aloneOrFailed((file) => fileStoredReceived(client, [one], file), key),
    );
    const failure = results.find((r) => r.status === 'rejected');
    if (failure) throw failure.reason;
  }
}

// Two connections: one reads the next mails while the other files these.
export const fileReceivedTask: Task = (_, helpers) => helpers.withPgClient((reader) => helpers.withPgClient((client) => fileReceivedMails(reader, client, processKey())));

/**
 * Files one mail alone; should it fail for a reason a retry would not cure, with no savepoint to
 * fall back to (its batch's transaction rolled back), it is kept as failed with that reason.
 */
async function aloneOrFailed<O>(run: (file: FileRound) => Promise<O[]>, key: Buffer): Promise<O> {
  try {
    return (await run((tx, round) => fileRound(tx, key, round)))[0] as O;
  } catch (error) {
    if (!(error instanceof FilingFailed)) throw error;
    return (await run(async (_, round) => round.map(() => ({ outcome: failed(error.message), thread: null }))))[0] as O;
  }
}

/** What a stored mail's row keeps of its parsed headers: its sender (whose recent mails are counted) and subject. */
const senderAndSubject = (parsed: ReadMail | null) => ({ fromAddress: parsed?.from?.address ?? null, subject: parsed?.subject.slice(0, 1000) ?? null });

const inboundRow = (mail: ReceivedMail, parsed: ReadMail | null): InboundRow => ({
  mailboxId: mail.mailboxId,
  source: mail.source,
  messageId: parsed?.messageId ?? rawMessageId(mail.raw),
  contentHash: contentHash(mail.raw),
  envelopeFrom: mail.envelopeFrom,
  envelopeTo: mail.envelopeTo,
  ...senderAndSubject(parsed),
  raw: mail.raw,
});

/**
 * Parses a received mail and cuts its new text out before it waits to be filed: that work (the
 * reply parser, the HTML sanitiser) is done outside the transaction that files it, where the
 * database would wait for it.
 */
export async function parseReceived(mail: ReceivedMail): Promise<ParsedMail> {
  try {
    return { mail, parsed: await readMail(mail.raw, mail.envelopeFrom), parseError: null };
  } catch (error) {
    return { mail, parsed: null, parseError: `could not parse the mail: ${(error as Error).message}` };
  }
}

/** Stores mails and files the new ones in the same transaction. */
async function storeAndFile(db: Db, batch: ParsedMail[], file: FileRound): Promise<IngestResult[]> {
  return withTransaction(db, async (tx) => {
    const rows = await insertInbounds(tx, batch.map(({ mail, parsed }) => inboundRow(mail, parsed)));
    const outcomes = await fileStored(
      tx,
      batch.flatMap((one, i) => (rows[i]?.duplicate ? [] : [{ ...one, inboundId: (rows[i] as StoredInboundRow).id }])),
      file,
    );
    return rows.map((row) => {
      // A mail stored before answers as it was filed then; the same mail twice in a batch, as the first.
      const outcome = outcomes.get(row.id);
      if (!row.duplicate || outcome) return { inboundId: row.id, duplicate: row.duplicate, status: outcome?.status ?? 'failed', ticketId: outcome?.ticketId ?? null, messageId: outcome?.ticketMessageId ?? null };
      return { inboundId: row.id, duplicate: true, status: row.status as IngestResult['status'], ticketId: row.ticketId, messageId: row.ticketMessageId };
    });
  });
}

/** Files stored mails that wait, in one transaction; one that another filing took meanwhile is left alone. Answers their ids. */
async function fileStoredReceived(client: pg.PoolClient, batch: ToFile[], file: FileRound): Promise<number[]> {
  return inClientTransaction(client, async (tx) => {
    const claimed = await claimReceived(
      tx,
      batch.map(({ inboundId, parsed }) => ({ id: inboundId, ...senderAndSubject(parsed) })),
    );
    await fileStored(tx, batch.filter((one) => claimed.has(one.inboundId)), file);
    return batch.map((one) => one.inboundId);
  });
}

/**
 * Files stored mails in rounds: a reply to a mail of the same batch waits for a later round, once
 * that mail is filed and its Message-ID threaded. A `null` filing waits too. A mail that could not
 * be parsed is kept as failed.
 */
async function fileStored(tx: pg.PoolClient, batch: ToFile[], file: FileRound): Promise<Map<number, InboundOutcome>> {
  const outcomes = new Map<number, InboundOutcome>();
  const unparsed = batch.flatMap(({ inboundId, parsed, parseError }) => (parsed ? [] : [{ id: inboundId, outcome: failed(parseError as string), thread: null }]));
  let waiting = batch.flatMap(({ inboundId, parsed, mail }) => (parsed ? [{ inboundId, mail: parsed, mailboxId: mail.mailboxId }] : []));
  await settleAll(tx, unparsed, outcomes);
  while (waiting.length > 0) {
    const round = nextRound(waiting);
    const filings = await file(tx, round);
    await settleAll(tx, round.flatMap((s, i) => (filings[i] ? [{ id: s.inboundId, ...(filings[i] as Filing) }] : [])), outcomes);
    // Each round files at least its first mail: only a later one may wait.
    const filed = new Set(round.filter((_, i) => filings[i]));
    waiting = waiting.filter((s) => !filed.has(s));
  }
  return outcomes;
}

async function settleAll(tx: pg.PoolClient, settled: InboundSettlement[], outcomes: Map<number, InboundOutcome>): Promise<void> {
  if (settled.length === 0) return;
  await settleInbounds(tx, settled);
  for (const { id, outcome } of settled) outcomes.set(id, outcome);
}

/** The mails that reply to no other waiting mail of the batch (all of them, should they only reply to each other). */
function nextRound(waiting: Stored[]): Stored[] {
  const pending = new Set(waiting.flatMap((s) => (s.mail.messageId ? [s.mail.messageId] : [])));
  const ready = waiting.filter(({ mail }) => ![mail.inReplyTo, ...mail.references].some((id) => id && id !== mail.messageId && pending.has(id)));
  return ready.length > 0 ? ready : waiting;
}

/** Files a stored mail again (after a fix), in the caller's transaction, under a savepoint. */
export async function refileMail(tx: pg.PoolClient, key: Buffer, inboundId: number, mail: ReceivedMail): Promise<InboundOutcome> {
  const outcomes = await fileStored(tx, [{ inboundId, ...(await parseReceived(mail)) }], async (_, [stored]) => [await fileSafely(tx, key, stored as Stored)]);
  return outcomes.get(inboundId) as InboundOutcome;
}

const failed = (reason: string): InboundOutcome => ({ status: 'failed', reason, ticketId: null, ticketMessageId: null });
const ignored = (reason: string): Filing => ({ outcome: { status: 'ignored', reason, ticketId: null, ticketMessageId: null }, thread: null });
const filingFailure = (error: unknown) => (error instanceof AppError ? `${error.field ? `${error.field}: ` : ''}${error.message}` : String((error as Error).message ?? error));

/** Runs the filing under a savepoint: a mail that cannot be filed rolls back its partial writes and is kept as failed. */
async function fileSafely(tx: pg.PoolClient, key: Buffer, stored: Stored): Promise<Filing> {
  await tx.query('SAVEPOINT file_mail');
  try {
    const [filing] = await fileRound(tx, key, [stored]);
    await tx.query('RELEASE SAVEPOINT file_mail');
    return filing as Filing;
  } catch (error) {
    if (isTransient(error)) throw error;
    await tx.query('ROLLBACK TO SAVEPOINT file_mail');
    return { outcome: failed(filingFailure(error)), thread: null };
  }
}

/** A mail joining an open ticket or opening one, with the round's others. */
interface Joining {
  index: number;
  stored: Stored;
  copied: string[];
  mailbox: SenderScreen['mailbox'];
}

/**
 * Files a round of stored mails: each joins the ticket it replies to, opens one, or is set aside
 * (a loop, a blocked sender, a bounce). The lookups of all are sent together, and the pipeline
 * answers them in one round trip; the replies are added by one `addMessages`, the tickets opened by
 * one `createTickets`. A mail that would open a second follow-up of one closed ticket waits (`null`)
 * to join the first. Whatever fails for a reason a retry would not cure is raised as `FilingFailed`.
 */
async function fileRound(tx: pg.PoolClient, key: Buffer, round: Stored[]): Promise<(Filing | null)[]> {
  const ctx: Ctx = { db: tx, actor: systemActor };
  try {
    const looked = await Promise.all(round.map((stored) => lookUp(ctx, key, stored)));
    const filings: (Filing | null)[] = [];
    const replies: (Joining & { target: Ticket; agent: Actor | null })[] = [];
    const opening: (Joining & { follows: Ticket | null })[] = [];
    const followed = new Set<number>();
    for (const [index, stored] of round.entries()) {
      const found = looked[index] as Awaited<ReturnType<typeof lookUp>>;
      if ('outcome' in found) {
        filings[index] = found;
        continue;
      }
      const { mail } = stored;
      const { screen, from, target, agent } = found;
      if (mail.kind === 'bounce') filings[index] = await fileBounce(tx, mail);
      else if (screen.recentMails > LOOP_LIMIT.mails) filings[index] = ignored(`more than ${LOOP_LIMIT.mails} mails from ${from.address} in ${LOOP_LIMIT.minutes} minutes (mail loop?)`);
      else if (target === null && mail.kind === 'auto_reply') filings[index] = ignored('automatic reply to no ticket');
      else {
        const joining = { index, stored, copied: [...mail.to, ...mail.cc].map((a) => a.address).filter((a) => !screen.ownAddresses.has(a) && a !== from.address), mailbox: screen.mailbox };
        if (target && target.status !== 'closed') replies.push({ ...joining, target, agent });
        else if (target && followed.has(target.id)) filings[index] = null;
        else {
          if (target) followed.add(target.id);
          opening.push({ ...joining, follows: target });
        }
      }
    }
    const joined = [...(await fileReplies(tx, replies)), ...(await openTickets(ctx, opening))];
    [...replies, ...opening].forEach(({ index }, i) => (filings[index] = joined[i] as Filing));
    return filings;
  } catch (error) {
    throw isTransient(error) || error instanceof FilingFailed ? error : new FilingFailed(filingFailure(error));
  }
}

/**
 * What filing a mail needs to know: who sent it and whether they are let in, the open ticket it
 * replies to, and the agent whose address sent it.
 */
async function lookUp(ctx: Ctx, key: Buffer, { mail, mailboxId }: Stored) {
  const from = mail.from;
  if (!from) return { outcome: failed('the mail has no From address'), thread: null };
  // Only a mail joining an open ticket can be an agent's reply: the agent is looked up for that one.
  const target = async () => {
    const ticketId = mail.kind === 'bounce' ? null : await threadOf(ctx, key, mail);
    const ticket = ticketId === null ? null : await openTicketOf(ctx, ticketId);
    return { ticket, agent: ticket && ticket.status !== 'closed' ? await agentActor(ctx.db, from.address) : null };
  };
  const [screen, { ticket, agent }] = await Promise.all([screenSender(ctx.db, from.address, LOOP_LIMIT.minutes, mailboxId), target()]);
  if (mail.fromTend || screen.ownAddresses.has(from.address)) return ignored('sent by Tend itself (mail loop)');
  if (screen.blocked) return ignored(`sender ${from.address} is blocklisted`);
  return { screen, from, target: ticket, agent };
}

async function threadOf(ctx: Ctx, key: Buffer, mail: InboundMail): Promise<number | null> {
  return (
    (await selectTicketByMessageIds(ctx.db, [mail.inReplyTo, ...[...mail.references].reverse()].filter((id): id is string => !!id))) ??
    (await existingTicket(ctx, subjectTicketId(mail.subject))) ??
    (await existingTicket(ctx, findReplyToken(key, mail.text, mail.html ?? '')))
  );
}

async function fileBounce(tx: pg.PoolClient, mail: InboundMail): Promise<Filing> {
  const bounced = await selectOutboxByHeaders(tx, mail.bounce?.messageIds ?? []);
  if (!bounced) return ignored('delivery report about no mail Tend sent');
  await recordDelivery(tx, bounced, { status: 'bounced', error: mail.bounce?.diagnostic || 'the receiving server returned the mail' });
  return { outcome: { status: 'processed', reason: 'delivery report', ticketId: bounced.ticketId, ticketMessageId: null, bounceOfOutboxId: bounced.id }, thread: null };
}

/**
 * Mails joining open tickets, all in one `addMessages`: from the requester or another customer, or
 * from an agent answering by mail, as the agent and with their permissions.
 */
async function fileReplies(tx: pg.PoolClient, replies: (Joining & { target: Ticket; agent: Actor | null })[]): Promise<Filing[]> {
  if (replies.length === 0) return [];
  const customers = replies.filter((r) => !r.agent);
  const ids = await resolveAndRecordCustomers(
    tx,
    customers.map(({ stored }) => ({ email: (stored.mail.from as MailAddress).address, name: (stored.mail.from as MailAddress).name })),
  );
  const customerOf = new Map(customers.map((r, i) => [r, ids[i] as number]));
  const added = await addMessages(
    tx,
    replies.map((r) => ({
      actor: r.agent ?? systemActor,
      ticketId: r.target.id,
      input: { ...messageOf(r.stored.mail, r.stored.inboundId), ...(r.agent ? { author: 'agent' as const } : { author: 'customer' as const, customerId: customerOf.get(r) }) },
    })),
  );
  return replies.map(({ stored: { mail }, target, agent, copied, mailbox }, i) => {
    const from = (mail.from as MailAddress).address;
    // Whoever writes besides the requester stays copied on the replies.
    const cc = !agent && from !== target.requester.email ? [...copied, from] : copied;
    return filed(target.id, added[i] as number, mail, mailbox, cc);
  });
}

/** Mails opening tickets, all in one `createTickets`; a mail to a closed ticket opens its follow-up. */
async function openTickets(ctx: Ctx, opening: (Joining & { follows: Ticket | null })[]): Promise<Filing[]> {
  if (opening.length === 0) return [];
  const created = await createTickets(
    ctx.db,
    opening.map(({ stored: { mail, inboundId }, mailbox }) => ({
      actor: systemActor,
      input: {
        subject: mail.subject || '(no subject)',
        requester: { email: (mail.from as MailAddress).address, name: (mail.from as MailAddress).name },
        message: { ...messageOf(mail, inboundId), author: 'customer' },
        channel: 'email',
        teamId: mailbox?.teamId ?? null,
      },
    })),
  );
  const filings: Filing[] = [];
  for (const [i, { stored, follows, copied, mailbox }] of opening.entries()) {
    const { ticket, messageId } = created[i] as (typeof created)[number];
    if (follows) {
      await linkTickets(ctx, ticket.id, follows.id);
      await setFollowUp(ctx.db, follows.id, ticket.id);
    }
    filings.push(filed(ticket.id, messageId, stored.mail, mailbox, copied));
  }
  return filings;
}

const filed = (ticketId: number, messageId: number, mail: InboundMail, mailbox: SenderScreen['mailbox'], cc: string[]): Filing => ({
  outcome: { status: 'processed', reason: null, ticketId, ticketMessageId: messageId },
  thread: { ticketId, header: mail.messageId, messageId, mailboxId: mailbox?.id ?? null, cc },
});

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
async function agentActor(db: Queryable, address: string): Promise<Actor | null> {
  const actor = await actorFromEmail(db, address);
  return actor && can(actor, 'tickets.reply') ? actor : null;
}

const looksLikeReply = (mail: InboundMail, text: string) =>
  !!mail.inReplyTo || mail.references.length > 0 || /^\s*(re|aw|sv|antw|fwd?|wg)\s*:/i.test(mail.subject) || hasQuotedHistory(text);

async function readMail(raw: Buffer, envelopeFrom: string | null): Promise<ReadMail> {
  const mail = await parseMail(raw, envelopeFrom);
  const source = mail.text.trim() ? mail.text : mail.html ? htmlToText(mail.html) : '';
  // The reply parser is the costliest step of reading a mail; a first mail has no history to cut.
  const body = (looksLikeReply(mail, source) ? visibleText(source) : source.trim()).slice(0, MAX_BODY) || (mail.attachments.length ? '' : '(empty message)');
  return { ...mail, visible: { body, html: mail.html === null ? null : visibleHtml(mail.html) } };
}

/** The new text of the mail as a ticket message; inline images point at their stored attachment. */
function messageOf(mail: ReadMail, inboundId: number): NewMessage {
  const { body } = mail.visible;
  const html = mail.visible.html === null ? undefined : withStoredInlineImages(mail.visible.html, inboundId);
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
