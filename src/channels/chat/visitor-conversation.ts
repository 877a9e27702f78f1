import { systemActor } from '../../auth/index.ts';
import { type CustomerReference, resolveCustomer } from '../../customers/index.ts';
import { type Db, withTransaction } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { encodeCursor } from '../../platform/pagination.ts';
import { addMessage, createTicket, getAttachment, getTicket, listMessages, type Message } from '../../tickets/index.ts';
import { lockVisitor, updateVisitor } from './chat.queries.ts';
import type { ChatChannel, Visitor } from './chat.types.ts';

/** A message as the visitor sees it: no internal notes, agents by first name with initials for their avatar. */
export interface WidgetMessage {
  id: number;
  author: { type: 'customer' | 'agent' | 'system'; name: string; initials: string };
  body: string;
  attachments: { id: number; filename: string; contentType: string; size: number }[];
  createdAt: Date;
}

/** "Ana Lima" → "AL"; one name → its first letter. */
export const initialsOf = (name: string) =>
  name
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => Array.from(word)[0]?.toUpperCase() ?? '')
    .filter((_, i, all) => i === 0 || i === all.length - 1)
    .join('');

const widgetMessage = (m: Message): WidgetMessage => ({
  id: m.id,
  author: { type: m.author.type, name: m.author.type === 'agent' ? m.author.name.split(' ')[0] ?? m.author.name : m.author.name, initials: initialsOf(m.author.name) },
  body: m.body,
  attachments: m.attachments.map(({ id, filename, contentType, size }) => ({ id, filename, contentType, size })),
  createdAt: m.createdAt,
});

/** How a visitor is known among a customer's identities: by the host app's user id when signed, else by visitor. */
export const visitorIdentity = (channel: Pick<ChatChannel, 'id'>, visitor: Pick<Visitor, 'id' | 'externalUserId'>) => ({
  kind: 'chat' as const,
  value: visitor.externalUserId ? `${channel.id}:user:${visitor.externalUserId}` : `${channel.id}:visitor:${visitor.id}`,
});

const system: (db: Ctx['db']) => Ctx = (db) => ({ db, actor: systemActor });

/** The visitor's conversation after `afterId`, oldest first, 100 at most. */
export async function readVisitorThread(db: Db, visitor: Pick<Visitor, 'ticketId'>, afterId: number): Promise<WidgetMessage[]> {
  if (!visitor.ticketId) return [];
  const page = await listMessages(system(db), visitor.ticketId, { cursor: encodeCursor([afterId]), limit: 100, includeInternal: false });
  return page.data.map(widgetMessage);
}

export interface VisitorMessageInput {
  body?: string;
  pageUrl?: string;
  name?: string;
  email?: string;
  attachment?: { filename: string; contentType: string; data: Buffer };
}

/**
 * A visitor writes: their first message opens a chat ticket on the customer behind the visitor
 * (found by email or signed user id, else a new one), later ones join it, and one written after
 * the ticket was closed opens a new one.
 */
export async function sendVisitorMessage(db: Db, channel: ChatChannel, visitorId: string, input: VisitorMessageInput): Promise<WidgetMessage> {
  if (!input.body?.trim() && !input.attachment) throw invalid('body', 'write a message or attach a file');
  const sent = await withTransaction(db, async (tx) => {
    const ctx = system(tx);
    const visitor = await lockVisitor(tx, visitorId);
    if (!visitor) throw notFound('visitor');
    const email = input.email?.trim() || visitor.email || undefined;
    const name = input.name?.trim() || visitor.name || undefined;
    const current = visitor.ticketId ? await getTicket(ctx, visitor.ticketId) : null;
    // Nothing new about the visitor and their ticket still theirs (not moved by a merge): they are its requester.
    const known = current && current.requester.id === visitor.customerId && !input.email?.trim() && !input.name?.trim();
    const reference: CustomerReference = {
      identity: visitorIdentity(channel, visitor),
      ...(email ? { email } : {}),
      ...(name ? { name } : {}),
    };
    const customerId = known ? current.requester.id : await resolveCustomer(tx, reference, 'visitor');
    const message = {
      author: 'customer' as const,
      customerId,
      channel: 'chat' as const,
      body: input.body?.trim() ? input.body : `📎 ${input.attachment?.filename}`,
      attachments: input.attachment ? [input.attachment] : [],
      metadata: { chatChannelId: channel.id, visitorId: visitor.id, ...(input.pageUrl ? { pageUrl: input.pageUrl } : {}) },
    };
    let added: Message | null = null;
    let id: number;
    let ticketId: number;
    if (current && current.status !== 'closed' && current.mergedIntoId === null) {
      ticketId = current.id;
      added = await addMessage(ctx, ticketId, message);
      id = added.id;
    } else {
      const firstLine = message.body.split('\n')[0]?.trim() ?? '';
      const created = await createTicket(ctx, {
        subject: firstLine.length > 80 ? `${firstLine.slice(0, 79)}…` : firstLine || `Chat with ${name ?? 'a visitor'}`,
        requester: { customerId },
        channel: 'chat',
        teamId: channel.teamId,
        message,
      });
      ticketId = created.ticket.id;
      id = created.messageId;
    }
    const changed = customerId !== visitor.customerId || ticketId !== visitor.ticketId || (email ?? null) !== visitor.email || (name ?? '') !== visitor.name || (input.pageUrl !== undefined && input.pageUrl !== visitor.pageUrl);
    if (changed) await updateVisitor(tx, visitor.id, { customerId, ticketId, ...(email ? { email } : {}), ...(name ? { name } : {}), ...(input.pageUrl ? { pageUrl: input.pageUrl } : {}) });
    return { id, ticketId, added };
  });
  if (sent.added) return widgetMessage(sent.added);
  const [message] = await readVisitorThread(db, sent, sent.id - 1);
  return message as WidgetMessage;
}

/** A file of the visitor's own conversation; anything else is "not found". */
export async function visitorAttachment(db: Db, visitor: Visitor, attachmentId: number): Promise<{ filename: string; contentType: string; data: Buffer }> {
  if (!visitor.ticketId) throw notFound('attachment');
  let after = 0;
  for (;;) {
    const messages = await readVisitorThread(db, visitor, after);
    if (messages.some((m) => m.attachments.some((a) => a.id === attachmentId))) return getAttachment(system(db), attachmentId);
    if (messages.length < 100) throw notFound('attachment');
    after = messages[messages.length - 1]?.id ?? after;
  }
}

export interface OfflineMessageInput {
  name?: string;
  email: string;
  body: string;
  pageUrl?: string;
}

/** Outside hours or with nobody online: the message becomes a ticket answered by email. */
export async function leaveOfflineMessage(db: Db, channel: ChatChannel, input: OfflineMessageInput): Promise<{ ticketId: number }> {
  if (!input.body.trim()) throw invalid('body', 'write a message');
  const firstLine = input.body.trim().split('\n')[0] ?? '';
  const created = await createTicket(system(db), {
    subject: firstLine.length > 80 ? `${firstLine.slice(0, 79)}…` : firstLine,
    requester: { email: input.email, ...(input.name?.trim() ? { name: input.name } : {}) },
    // Answered by email: the email channel mails the agent's reply to the requester.
    channel: 'email',
    teamId: channel.teamId,
    tags: ['chat-offline'],
    message: { author: 'customer', body: input.body, metadata: { chatChannelId: channel.id, ...(input.pageUrl ? { pageUrl: input.pageUrl } : {}) } },
  });
  return { ticketId: created.ticket.id };
}
