import { recordAudit } from '../../audit/index.ts';
import { requirePermission, systemActor } from '../../auth/index.ts';
import { resolveCustomer } from '../../customers/index.ts';
import { type Db, withTransaction } from '../../db/pool.ts';
import { emitEvent } from '../../events/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalid } from '../../platform/errors.ts';
import { addMessage, createTicket } from '../../tickets/index.ts';
import { type Call, type CallOutcome, insertCall, type PhoneChannel, selectProviderCall, updateCallRow } from './phone.queries.ts';

export interface CallInput {
  direction: 'inbound' | 'outbound';
  phone: string;
  name?: string;
  /** Log it on this ticket; default: a new phone ticket. */
  ticketId?: number;
  outcome: CallOutcome;
  disposition?: string;
  notes?: string;
  recordingUrl?: string;
  startedAt?: Date;
  durationSeconds?: number;
}

const summary = (c: Pick<Call, 'direction' | 'phone' | 'outcome' | 'durationSeconds' | 'disposition' | 'recordingUrl'>, notes?: string) =>
  [
    `${c.direction === 'inbound' ? 'Call from' : 'Call to'} ${c.phone}: ${c.outcome ?? 'in progress'}${c.durationSeconds ? `, ${Math.floor(c.durationSeconds / 60)}m ${c.durationSeconds % 60}s` : ''}`,
    c.disposition && `Disposition: ${c.disposition}`,
    notes,
    c.recordingUrl && `Recording: ${c.recordingUrl}`,
  ]
    .filter(Boolean)
    .join('\n');

/** An agent logs a call they had: a call record on the customer, and its notes on a ticket. */
export async function logCall(ctx: Ctx, input: CallInput): Promise<Call> {
  requirePermission(ctx.actor, 'tickets.update');
  if (input.durationSeconds !== undefined && input.durationSeconds < 0) throw invalid('durationSeconds', 'durationSeconds must not be negative');
  return withTransaction(ctx.db, async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const customerId = await resolveCustomer(tx, { phone: input.phone, ...(input.name ? { name: input.name } : {}) }, 'phone', ctx.actor);
    const startedAt = input.startedAt ?? new Date(Date.now() - (input.durationSeconds ?? 0) * 1000);
    const fields = { direction: input.direction, phone: input.phone, outcome: input.outcome, durationSeconds: input.durationSeconds ?? null, disposition: input.disposition ?? null, recordingUrl: input.recordingUrl ?? null };
    const message = { author: 'agent' as const, internal: true, channel: 'phone' as const, body: summary(fields, input.notes) };
    const ticketId = input.ticketId
      ? (await addMessage(txCtx, input.ticketId, message)).ticketId
      : (await createTicket(txCtx, { subject: `${input.direction === 'inbound' ? 'Call from' : 'Call to'} ${input.name ?? input.phone}`, requester: { customerId }, channel: 'phone', assigneeId: ctx.actor.userId, message })).ticket.id;
    const call = await insertCall(tx, {
      ...fields,
      channelId: null,
      providerCallId: null,
      customerId,
      ticketId,
      agentId: ctx.actor.userId,
      status: 'ended',
      notes: input.notes ?? '',
      startedAt,
      answeredAt: input.outcome === 'answered' ? startedAt : null,
      endedAt: new Date(startedAt.getTime() + (input.durationSeconds ?? 0) * 1000),
    });
    await recordAudit(tx, ctx.actor, { action: 'call.logged', entityType: 'ticket', entityId: ticketId, after: { callId: call.id, ...fields } });
    await emitEvent(tx, 'call.logged', { callId: call.id, ticketId, customerId });
    return call;
  });
}

export interface TelephonyEvent {
  event: 'call.started' | 'call.answered' | 'call.ended';
  callId: string;
  direction: 'inbound' | 'outbound';
  /** The customer's number. */
  phone: string;
  agentId?: number;
  recordingUrl?: string;
  outcome?: CallOutcome;
  at?: string;
}

/**
 * A telephony provider reports a call's progress. Events for one call id update one record;
 * a repeated or late event never moves a call backwards. The first event opens the phone ticket.
 */
export async function receiveCallEvent(db: Db, channel: PhoneChannel, e: TelephonyEvent): Promise<Call> {
  const at = e.at ? new Date(e.at) : new Date();
  if (Number.isNaN(at.getTime())) throw invalid('at', 'at must be an ISO 8601 time');
  return withTransaction(db, async (tx) => {
    const ctx: Ctx = { db: tx, actor: systemActor };
    let call = await selectProviderCall(tx, channel.id, e.callId);
    if (!call) {
      const customerId = await resolveCustomer(tx, { phone: e.phone }, 'phone');
      const { ticket } = await createTicket(ctx, {
        subject: `${e.direction === 'inbound' ? 'Call from' : 'Call to'} ${e.phone}`,
        requester: { customerId },
        channel: 'phone',
        teamId: channel.teamId,
        assigneeId: e.agentId ?? null,
        message: { author: 'system', internal: true, channel: 'phone', body: `${e.direction === 'inbound' ? 'Incoming' : 'Outgoing'} call started (${e.phone})` },
      });
      call = await insertCall(tx, {
        channelId: channel.id,
        providerCallId: e.callId,
        direction: e.direction,
        customerId,
        ticketId: ticket.id,
        phone: e.phone,
        agentId: e.agentId ?? null,
        status: 'ringing',
        outcome: null,
        disposition: null,
        notes: '',
        recordingUrl: null,
        startedAt: at,
        answeredAt: null,
        endedAt: null,
        durationSeconds: null,
      });
      await emitEvent(tx, 'call.started', { callId: call.id, ticketId: ticket.id, customerId });
    }
    if (call.status === 'ended') return call;
    if (e.event === 'call.answered' && call.status === 'ringing') {
      call = await updateCallRow(tx, call.id, { status: 'answered', answeredAt: at, ...(e.agentId ? { agentId: e.agentId } : {}) });
      await emitEvent(tx, 'call.answered', { callId: call.id, ticketId: call.ticketId, agentId: call.agentId });
    } else if (e.event === 'call.ended') {
      const outcome: CallOutcome = e.outcome ?? (call.answeredAt ? 'answered' : 'missed');
      const durationSeconds = call.answeredAt ? Math.max(0, Math.round((at.getTime() - call.answeredAt.getTime()) / 1000)) : 0;
      call = await updateCallRow(tx, call.id, { status: 'ended', outcome, endedAt: at, durationSeconds, ...(e.recordingUrl ? { recordingUrl: e.recordingUrl } : {}) });
      await addMessage(ctx, call.ticketId, { author: 'system', internal: true, channel: 'phone', body: summary(call) });
      await emitEvent(tx, 'call.ended', { callId: call.id, ticketId: call.ticketId, outcome });
    }
    return call;
  });
}
