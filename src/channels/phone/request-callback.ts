import { recordAudit } from '../../audit/index.ts';
import { requirePermission, systemActor } from '../../auth/index.ts';
import { type CustomerReference, normalizeIdentity, resolveCustomer } from '../../customers/index.ts';
import { withTransaction } from '../../db/pool.ts';
import { emitEvent } from '../../events/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalid } from '../../platform/errors.ts';
import { addMessage, createTicket, getTicket } from '../../tickets/index.ts';
import { scheduleDue, scheduleOfferRound } from './callback-schedule.ts';
import { insertCallbackRequest, selectCallbackQueue } from './callbacks.queries.ts';
import type { CallbackRequest, CallbackSource } from './callbacks.types.ts';

export interface CallbackRequestInput {
  queueId: number;
  phone: string;
  name?: string;
  reason?: string;
  /** The conversation it belongs to (a chat, a portal request); default: a new phone ticket. */
  ticketId?: number;
  /** Who else the caller is known as (a chat visitor, an email), so it is one customer. */
  requester?: Omit<CustomerReference, 'phone' | 'name'>;
  /** The customer, when known for sure (signed in to the portal); else found or created by number. */
  customerId?: number;
  source: CallbackSource;
}

/**
 * A customer asks to be called back: the request joins its queue, waiting to be offered to a free
 * agent, with a timer at the queue's maximum wait. `now` is when it was asked (tests move it).
 */
export async function requestCallback(ctx: Ctx, input: CallbackRequestInput, now = new Date()): Promise<CallbackRequest> {
  requirePermission(ctx.actor, 'tickets.update');
  const reason = input.reason?.trim() ?? '';
  const name = input.name?.trim() ?? '';
  const phone = normalizeIdentity('phone', input.phone, 'phone');
  return withTransaction(ctx.db, async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const queue = await selectCallbackQueue(tx, input.queueId);
    if (!queue) throw invalid('queueId', 'no such callback queue');
    const customerId = input.customerId ?? (await resolveCustomer(tx, { ...input.requester, phone, ...(name ? { name } : {}) }, 'requester', ctx.actor));
    const body = `Please call me back on ${phone}.${reason ? `\n\n${reason}` : ''}`;
    let ticketId: number;
    if (input.ticketId) {
      const ticket = await getTicket(txCtx, input.ticketId).catch(() => null);
      if (!ticket) throw invalid('ticketId', 'no such ticket');
      ticketId = (await addMessage({ db: tx, actor: systemActor }, ticket.id, { author: 'system', internal: true, channel: 'phone', body: `Callback requested (${queue.name}): ${body}` })).ticketId;
    } else {
      const created = await createTicket(txCtx, { subject: `Call back ${name || phone}`, requester: { customerId }, channel: 'phone', teamId: queue.teamId, message: { author: 'customer', customerId, channel: 'phone', body } });
      ticketId = created.ticket.id;
    }
    const callback = await insertCallbackRequest(tx, { queueId: queue.id, customerId, ticketId, phone, name, reason, source: input.source, requestedAt: now, dueAt: new Date(now.getTime() + queue.maxWaitSeconds * 1000) });
    await scheduleDue(tx, callback);
    await scheduleOfferRound(tx);
    await recordAudit(tx, ctx.actor, { action: 'callback.requested', entityType: 'ticket', entityId: ticketId, after: { callbackId: callback.id, queueId: queue.id, phone, source: input.source } });
    await emitEvent(tx, 'callback.requested', { callbackId: callback.id, queueId: queue.id, ticketId, customerId });
    return callback;
  });
}
