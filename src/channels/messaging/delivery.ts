import { recordAudit } from '../../audit/index.ts';
import { requirePermission } from '../../auth/index.ts';
import { withTransaction } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { getTicket } from '../../tickets/index.ts';
import { requeueOutboxRow, selectChannel, selectOutboxesOfMessages, selectOutboxOfMessage } from './messaging.queries.ts';
import type { OutboxEntry } from './messaging.types.ts';
import { emitDeliveryUpdated, enqueueSend } from './outbound.ts';

export type Delivery = Pick<OutboxEntry, 'messageId' | 'recipient' | 'status' | 'providerMessageId' | 'attempts' | 'lastError' | 'createdAt' | 'updatedAt'>;

const viewOf = ({ messageId, recipient, status, providerMessageId, attempts, lastError, createdAt, updatedAt }: OutboxEntry): Delivery => ({
  messageId,
  recipient,
  status,
  providerMessageId,
  attempts,
  lastError,
  createdAt,
  updatedAt,
});

/** How sending a reply through SMS, WhatsApp or Messenger went. */
export async function getMessagingDelivery(ctx: Ctx, messageId: number): Promise<Delivery> {
  requirePermission(ctx.actor, 'tickets.read');
  const entry = await selectOutboxOfMessage(ctx.db, messageId);
  if (!entry) throw notFound('messaging delivery of this message');
  await getTicket(ctx, entry.ticketId);
  return viewOf(entry);
}

/** How sending went for those of these messages that were replies by SMS, WhatsApp or Messenger: a whole thread in one request. */
export async function listMessagingDeliveries(ctx: Ctx, messageIds: number[]): Promise<Delivery[]> {
  requirePermission(ctx.actor, 'tickets.read');
  return (await selectOutboxesOfMessages(ctx.db, messageIds)).map(viewOf);
}

/** Sends a failed reply again. */
export async function retryMessagingDelivery(ctx: Ctx, messageId: number): Promise<Delivery> {
  requirePermission(ctx.actor, 'tickets.reply');
  return withTransaction(ctx.db, async (tx) => {
    const entry = await selectOutboxOfMessage(tx, messageId, true);
    if (!entry) throw notFound('messaging delivery of this message');
    if (entry.status !== 'failed') throw conflict(`the message is ${entry.status}; only a failed one is sent again`, 'messageId');
    await requeueOutboxRow(tx, entry.id);
    await enqueueSend(tx, entry);
    await recordAudit(tx, ctx.actor, { action: 'ticket.message_resent', entityType: 'ticket', entityId: entry.ticketId, before: { messageId, status: 'failed' }, after: { messageId, status: 'queued' } });
    await emitDeliveryUpdated(tx, entry, 'queued', (await selectChannel(tx, entry.channelId))?.kind ?? null);
    return viewOf({ ...entry, status: 'queued' });
  });
}
