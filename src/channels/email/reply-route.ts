import { recordAudit } from '../../audit/index.ts';
import { requirePermission } from '../../auth/index.ts';
import { type Queryable, withTransaction } from '../../db/pool.ts';
import { emitEvent } from '../../events/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { conflict, invalid } from '../../platform/errors.ts';
import { getTicket, type Ticket } from '../../tickets/index.ts';
import { type EmailThread, type Mailbox, selectMailbox, selectMailboxes, selectThread, upsertThreadCc } from './email.queries.ts';
import { outgoingOf } from './manage-mailboxes.ts';

/** How an agent's public reply on a ticket is mailed: through which mailbox, to whom, with whom copied. */
interface ReplyMailing {
  mailbox: Mailbox | null;
  /** The requester's address; null when they have none, and the reply cannot be mailed. */
  to: string | null;
  cc: string[];
}

/**
 * The mailing of replies on a ticket answered by email (one that came in by mail or was opened as an
 * email), through the mailbox its mail came to, else the first active one; null for any other ticket.
 */
export async function replyMailing(client: Queryable, ticket: Ticket, thread: EmailThread | null): Promise<ReplyMailing | null> {
  if (!thread && ticket.channel !== 'email') return null;
  const mailbox = thread?.mailboxId ? await selectMailbox(client, thread.mailboxId) : ((await selectMailboxes(client, { activeOnly: true }))[0] ?? null);
  const to = ticket.requester.email?.toLowerCase() ?? null;
  return { mailbox, to, cc: (thread?.cc ?? []).filter((a) => a !== to) };
}

/** Why a mailbox cannot send, in the words the reply's failure and the reply box both use. */
export const cannotSend = (mailbox: Mailbox | null) => `mailbox ${mailbox?.address ?? '(none)'} has no outgoing SMTP server configured, and no SMTP_URL relay is set`;

/** Where a reply on a ticket would be mailed, and why it would not reach the customer when it would not. */
export interface ReplyRoute {
  /** Replies on this ticket are answered by email (not on chat, SMS or another channel). */
  mailed: boolean;
  from: string | null;
  to: string | null;
  cc: string[];
  problem: string | null;
}

/** What the reply box tells an agent before they send: from where and to whom the reply goes, or why it will not. */
export async function getReplyRoute(ctx: Ctx, ticketId: number): Promise<ReplyRoute> {
  requirePermission(ctx.actor, 'tickets.read');
  const ticket = await getTicket(ctx, ticketId);
  return routeOf(ticket, await replyMailing(ctx.db, ticket, await selectThread(ctx.db, ticketId)));
}

function routeOf(ticket: Ticket, mailing: ReplyMailing | null): ReplyRoute {
  if (!mailing) return { mailed: false, from: null, to: null, cc: [], problem: null };
  const { mailbox, to, cc } = mailing;
  const problem = !to
    ? `${ticket.requester.name} has no email address`
    : !mailbox
      ? 'there is no active mailbox to send from'
      : outgoingOf(mailbox) === 'none'
        ? cannotSend(mailbox)
        : null;
  return { mailed: true, from: mailbox?.address ?? null, to, cc, problem };
}

const MAX_COPIED = 20;
const ADDRESS = /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/;

/**
 * Sets who is copied on the replies of a ticket answered by email, in place of whoever was (the
 * requester is always the addressee, never a copy). Someone a later mail copies in is added again,
 * as a reply-all would.
 */
export async function setReplyCopies(ctx: Ctx, ticketId: number, cc: string[]): Promise<ReplyRoute> {
  requirePermission(ctx.actor, 'tickets.reply');
  const wanted = [...new Set(cc.map((a) => a.trim().toLowerCase()).filter(Boolean))];
  const bad = wanted.find((a) => !ADDRESS.test(a));
  if (bad) throw invalid('cc', `${bad} is not an email address`);
  if (wanted.length > MAX_COPIED) throw invalid('cc', `at most ${MAX_COPIED} people can be copied`);
  return withTransaction(ctx.db, async (tx) => {
    const ticket = await getTicket({ ...ctx, db: tx }, ticketId);
    const thread = await selectThread(tx, ticketId, true);
    const mailing = await replyMailing(tx, ticket, thread);
    if (!mailing) throw conflict('replies on this ticket are not emailed, so nobody can be copied on them', 'cc');
    const after = wanted.filter((a) => a !== mailing.to).sort();
    if (after.join() !== mailing.cc.join()) {
      await upsertThreadCc(tx, ticketId, after);
      await recordAudit(tx, ctx.actor, { action: 'ticket.cc_changed', entityType: 'ticket', entityId: ticketId, before: { cc: mailing.cc }, after: { cc: after } });
      await emitEvent(tx, 'ticket.cc_updated', { ticketId, cc: after });
    }
    return routeOf(ticket, { ...mailing, cc: after });
  });
}
