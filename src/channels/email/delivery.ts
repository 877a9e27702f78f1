import type { Queryable } from '../../db/pool.ts';
import { emitEvent } from '../../events/index.ts';
import { type OutboxEntry, recordOutboxAttempt } from './email.queries.ts';

/**
 * Records a try at mailing a reply (or its bounce) with a `message.delivery_updated` event, in the
 * caller's transaction, so that the agent looking at the ticket sees the reply go out, wait for a
 * retry, fail with the server's answer, or come back.
 */
export async function recordDelivery(tx: Queryable, entry: Pick<OutboxEntry, 'id' | 'ticketId' | 'messageId'>, outcome: Parameters<typeof recordOutboxAttempt>[2]): Promise<void> {
  await recordOutboxAttempt(tx, entry.id, outcome);
  await announceDelivery(tx, entry, outcome.status);
}

/** Tells live agents and subscribers where the mailing of a reply now stands. */
export async function announceDelivery(tx: Queryable, entry: Pick<OutboxEntry, 'ticketId' | 'messageId'>, status: OutboxEntry['status']): Promise<void> {
  await emitEvent(tx, 'message.delivery_updated', { ticketId: entry.ticketId, messageId: entry.messageId, channel: 'email', status });
}
