import type { Task } from 'graphile-worker';
import type pg from 'pg';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { systemActor } from '../auth/index.ts';
import { emitEvent, type EventSubscriber } from '../events/index.ts';
import { inClientTransaction } from '../db/pool.ts';
import { addMessage, PRIORITIES, type Priority, getTicket, updateTicket } from '../tickets/index.ts';
import { countAhead, saveRoutedTicket, selectQueue, selectRoutedTicket } from './routing.queries.ts';
import { drainAgentQueues, drainQueue, scheduleMaxWait, syncRoutedTicket } from './route-ticket.ts';

export const FOLLOW_UP_TASK = 'routing.follow_up';

const ROUTED_EVENTS = new Set(['ticket.created', 'ticket.updated']);

/**
 * Event subscriber: a new or changed ticket enters, moves in or leaves its queue; when that freed an
 * agent's capacity or put a ticket in a queue, the queues concerned are served at once.
 */
export const routeOnEvent: EventSubscriber = async (db, event) => {
  if (!ROUTED_EVENTS.has(event.type) || typeof event.payload.ticketId !== 'number') return;
  const ticketId = event.payload.ticketId;
  const change = await inClientTransaction(db, (tx) => syncRoutedTicket(tx, ticketId));
  for (const queueId of change.queueIds) await drainQueue(db, queueId);
  for (const userId of change.freedAgentIds) await drainAgentQueues(db, userId);
};

const DrainPayload = Type.Union([Type.Object({ queueId: Type.Integer() }), Type.Object({ userId: Type.Integer() })]);

/** The `routing.drain` job: serves a queue, or every queue of an agent who came online. */
export const drainTask: Task = async (payload, helpers) => {
  Value.Assert(DrainPayload, payload);
  await helpers.withPgClient(async (db) => {
    if ('queueId' in payload) await drainQueue(db, payload.queueId);
    else await drainAgentQueues(db, payload.userId);
  });
};

const MaxWaitPayload = Type.Object({ ticketId: Type.Integer(), queueId: Type.Integer() });
const raise = (p: Priority) => PRIORITIES[Math.min(PRIORITIES.indexOf(p) + 1, PRIORITIES.length - 1)] as Priority;

/**
 * The `routing.max_wait` job: a ticket still waiting in the queue that timed it overflows to another
 * queue, is escalated, or gets an auto-reply with its place in line, as the queue says; once each wait.
 */
export const maxWaitTask: Task = async (payload, helpers) => {
  Value.Assert(MaxWaitPayload, payload);
  const { ticketId, queueId } = payload;
  const overflowTo = await helpers.withPgClient((db) => inClientTransaction(db, (tx) => handleMaxWait(tx, ticketId, queueId)));
  if (overflowTo !== null) await helpers.withPgClient((db) => drainQueue(db, overflowTo));
};

/** Returns the queue the ticket overflowed into, if it did. */
async function handleMaxWait(tx: pg.PoolClient, ticketId: number, queueId: number): Promise<number | null> {
  const row = await selectRoutedTicket(tx, ticketId, 'wait');
  if (!row?.waiting || row.queueId !== queueId || row.maxWaitHandled) return null;
  const action = (await selectQueue(tx, queueId))?.onMaxWait;
  if (!action) return null;
  const ctx = { db: tx, actor: systemActor };
  let overflowTo: number | null = null;
  if (action.kind === 'overflow') {
    const target = await selectQueue(tx, action.queueId);
    if (target?.active) {
      overflowTo = target.id;
      await saveRoutedTicket(tx, { ...row, queueId: target.id, maxWaitHandled: false }, false);
      await scheduleMaxWait(tx, target, ticketId, new Date());
    } else await saveRoutedTicket(tx, { ...row, maxWaitHandled: true }, false);
  } else {
    await saveRoutedTicket(tx, { ...row, maxWaitHandled: true }, false);
    if (action.kind === 'escalate') {
      const ticket = await getTicket(ctx, ticketId);
      if (action.raisePriority && ticket.priority !== 'urgent') await updateTicket(ctx, ticketId, { priority: raise(ticket.priority) });
      for (const userId of action.notifyUserIds ?? []) await emitEvent(tx, 'routing.escalated', { ticketId, queueId, forUserId: userId });
    } else {
      const position = (await countAhead(tx, row)) + 1;
      await addMessage(ctx, ticketId, { author: 'system', body: action.body.replaceAll('{{position}}', String(position)) });
    }
  }
  await emitEvent(tx, 'routing.max_wait_exceeded', { ticketId, queueId, action: action.kind, ...(overflowTo ? { overflowQueueId: overflowTo } : {}) });
  return overflowTo;
}

const FollowUpPayload = Type.Object({ ticketId: Type.Integer(), userId: Type.Integer() });

/** The `routing.follow_up` job: reminds whoever transferred a ticket to check how it went. */
export const followUpTask: Task = async (payload, helpers) => {
  Value.Assert(FollowUpPayload, payload);
  await helpers.withPgClient((db) => emitEvent(db, 'routing.follow_up_due', { ticketId: payload.ticketId, forUserId: payload.userId }));
};
