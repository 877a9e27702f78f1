import { listAgents } from '../agents/index.ts';
import { systemActor } from '../auth/index.ts';
import type { DbOrTx } from '../db/pool.ts';
import { type DomainEvent, eachEvent, type EventSubscriber } from '../events/index.ts';
import type { Ctx } from '../platform/context.ts';
import { getTicket, listMessages, type Message } from '../tickets/index.ts';
import { type NotificationToSend, notifyPeople } from './notify-people.ts';
import { SLA_EVENTS, slaAlertNotifications } from './sla-alert-notifications.ts';

const excerpt = (text: string) => (text.length > 140 ? `${text.slice(0, 139)}…` : text);

async function findMessage(ctx: Ctx, ticketId: number, messageId: number): Promise<Message | null> {
  let cursor: string | undefined;
  do {
    const page = await listMessages(ctx, ticketId, { cursor, limit: 100, includeInternal: true });
    const found = page.data.find((m) => m.id === messageId);
    if (found) return found;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return null;
}

/** Agents named in a note as `@Full Name` or `@FirstName`. */
async function mentionedAgents(ctx: Ctx, body: string): Promise<{ id: number; name: string }[]> {
  if (!body.includes('@')) return [];
  const text = body.toLowerCase();
  const agents = (await listAgents(ctx, { status: 'active', limit: 500 })).data;
  return agents.filter((a) => {
    const full = `@${a.name.toLowerCase()}`;
    const first = `@${a.name.split(/\s+/)[0]?.toLowerCase()}`;
    return [full, first].some((handle) => new RegExp(`${handle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w])`).test(text));
  });
}

async function whoToNotify(ctx: Ctx, event: DomainEvent, openedUnassigned: Set<number>): Promise<NotificationToSend[]> {
  const p = event.payload;
  const ticketId = typeof p.ticketId === 'number' ? p.ticketId : null;
  if (ticketId === null) return [];
  if ((SLA_EVENTS as readonly string[]).includes(event.type)) return slaAlertNotifications(ctx, event);
  if (event.type === 'ticket.updated') {
    const to = (p.changes as { assigneeId?: { to?: unknown } } | undefined)?.assigneeId?.to;
    // Taking a ticket yourself is not news to you.
    if (typeof to !== 'number' || to === p.actorUserId) return [];
    const ticket = await getTicket(ctx, ticketId);
    return [{ userId: to, kind: 'assigned', ticketId, title: `Assigned to you: ${ticket.subject}`, body: `#${ticket.id} from ${ticket.requester.name || ticket.requester.email || 'a customer'}` }];
  }
  if (event.type !== 'message.created' || typeof p.messageId !== 'number') return [];
  // Only a customer's public message and an agent's note can notify anyone; most messages are neither.
  const customerReply = p.authorType === 'customer' && p.internal === false;
  if (!customerReply && !(p.authorType === 'agent' && p.internal === true)) return [];
  // The first message of a ticket opened unassigned among these events has nobody to tell.
  if (customerReply && openedUnassigned.has(ticketId)) return [];
  const ticket = await getTicket(ctx, ticketId);
  if (customerReply && !ticket.assignee) return [];
  const message = await findMessage(ctx, ticketId, p.messageId);
  if (!message) return [];
  if (message.author.type === 'customer' && !message.internal && ticket.assignee) {
    return [{ userId: ticket.assignee.id, kind: 'customer_replied', ticketId, title: `${message.author.name || 'The customer'} replied: ${ticket.subject}`, body: excerpt(message.body) }];
  }
  if (message.author.type === 'agent' && message.internal) {
    const mentioned = (await mentionedAgents(ctx, message.body)).filter((a) => a.id !== message.author.id);
    return mentioned.map((a) => ({ userId: a.id, kind: 'mentioned' as const, ticketId, title: `${message.author.name} mentioned you: ${ticket.subject}`, body: excerpt(message.body) }));
  }
  return [];
}

const HANDLED: readonly string[] = ['ticket.updated', 'message.created', ...SLA_EVENTS];

/**
 * Event subscriber: turns ticket changes into in-app notifications (assigned to you, a customer
 * replied on your ticket, mentioned in a note, an SLA clock about to run out or missed, an
 * escalation) and pushes each to its recipient live. Keyed on the event id, so a re-dispatched
 * event notifies nobody twice.
 */
export const notifyOnEvent: EventSubscriber = (db, events, log) => {
  const ctx: Ctx = { db: db as DbOrTx, actor: systemActor };
  // Tickets these events opened with no assignee, until an event changes them: a batch of new
  // tickets then costs no read per ticket to learn that its first message notifies nobody.
  const openedUnassigned = new Set<number>();
  return eachEvent(async (db, event) => {
    const ticketId = event.payload.ticketId;
    if (typeof ticketId === 'number') {
      if (event.type === 'ticket.created' && (event.payload.ticket as { assigneeId?: unknown } | undefined)?.assigneeId === null) openedUnassigned.add(ticketId);
      else if (event.type === 'ticket.updated') openedUnassigned.delete(ticketId);
    }
    if (!HANDLED.includes(event.type)) return;
    await notifyPeople(db, event.id, await whoToNotify(ctx, event, openedUnassigned));
  })(db, events, log);
};
