import type { Task } from 'graphile-worker';
import type pg from 'pg';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { systemActor } from '../auth/index.ts';
import { eachEvent, emitEvent, type DomainEvent, type EventSubscriber } from '../events/index.ts';
import { inClientTransaction, type Queryable } from '../db/pool.ts';
import { notifyPeople } from '../notifications/index.ts';
import { addMessage, CHANNELS, PRIORITIES, type Priority, getTicket, STATUSES, updateTicket } from '../tickets/index.ts';
import { rescheduleShifts } from './presence.queries.ts';
import { countAhead, saveRoutedTicket, selectQueue, selectQueues, selectRoutedTicket } from './routing.queries.ts';
import { drainAgentQueues, drainQueue, requestDrain, scheduleMaxWait, syncRoutedTicket } from './route-ticket.ts';
import { type RoutingTicket, routingTicketOf } from './ticket-queue.ts';
import type { Queue } from './routing.types.ts';

export const FOLLOW_UP_TASK = 'routing.follow_up';

const ROUTED_EVENTS = new Set(['ticket.created', 'ticket.updated']);

/** The ticket as its creation event describes it (see the tickets capability's `auditView`). */
const CreatedView = Type.Object({
  status: Type.Enum(STATUSES),
  priority: Type.Enum(PRIORITIES),
  channel: Type.Enum(CHANNELS),
  requesterId: Type.Integer(),
  assigneeId: Type.Union([Type.Integer(), Type.Null()]),
  teamId: Type.Union([Type.Integer(), Type.Null()]),
  tags: Type.Array(Type.String()),
});

/** A new ticket as its event tells it, which saves reading the ticket back for every one created. */
function createdTicket(event: DomainEvent, ticketId: number): RoutingTicket | null {
  const view = event.payload.ticket;
  if (event.type !== 'ticket.created' || !Value.Check(CreatedView, view)) return null;
  return { id: ticketId, ...view, merged: false, createdAt: event.createdAt };
}

type Changes = Record<string, { from?: unknown; to?: unknown }>;
// Ticket fields routing never looks at.
const UNROUTED_FIELDS = new Set(['subject', 'type', 'customFields']);

/**
 * Whether a ticket change needs its routing row looked at: not when only fields routing ignores
 * changed, nor when it is the echo of an assignment the row already records (a drain assigns in
 * bursts; this spares each echo reading the ticket back).
 */
async function mayChangeRouting(db: Queryable, event: DomainEvent, ticketId: number): Promise<boolean> {
  const changes = event.payload.changes as Changes | undefined;
  if (event.type !== 'ticket.updated' || !changes) return true;
  const fields = Object.keys(changes).filter((k) => !UNROUTED_FIELDS.has(k));
  if (fields.length === 0) return false;
  const to = changes.assigneeId?.to;
  const status = changes.status?.to;
  if (typeof to !== 'number' || !fields.every((k) => k === 'assigneeId' || k === 'teamId' || k === 'status') || (status !== undefined && status !== 'open' && status !== 'new')) return true;
  const row = await selectRoutedTicket(db, ticketId);
  return !(row && row.assigneeId === to && row.live && !row.waiting);
}

/**
 * Event subscriber: a new or changed ticket enters, moves in or leaves its queue; the queues that may
 * now assign, or whose agent's capacity freed, are served by a drain job right after. Agents whose
 * shift calendar changed have their shift looked at again. The active queues are read once for all
 * the events (a batch of tickets opened together).
 */
export const routeOnEvent: EventSubscriber = (db, events, log) => {
  let activeQueues: Promise<Queue[]> | undefined;
  return eachEvent((db, event) => routeEvent(db, event, () => (activeQueues ??= selectQueues(db, { activeOnly: true }))))(db, events, log);
};

async function routeEvent(db: Queryable, event: DomainEvent, activeQueues: () => Promise<Queue[]>): Promise<void> {
  if (event.type === 'business_calendar.updated' && typeof event.payload.calendarId === 'number') return rescheduleShifts(db, event.payload.calendarId);
  if (!ROUTED_EVENTS.has(event.type) || typeof event.payload.ticketId !== 'number') return;
  const ticketId = event.payload.ticketId;
  if (!(await mayChangeRouting(db, event, ticketId))) return;
  const created = createdTicket(event, ticketId);
  // A new unassigned ticket where no queue is active has nowhere to wait: nothing to record, no transaction.
  const queues = created?.assigneeId === null ? await activeQueues() : undefined;
  if (queues?.length === 0) return;
  await inClientTransaction(db, async (tx) => {
    const ticket = created ?? (await getTicket({ db: tx, actor: systemActor }, ticketId).then(routingTicketOf, () => null));
    if (ticket) await syncRoutedTicket(tx, ticket, created !== null, queues);
  });
}

const DrainPayload = Type.Union([Type.Object({ queueId: Type.Integer() }), Type.Object({ userId: Type.Integer() })]);

/** The `routing.drain` job: serves a queue, or every queue of an agent who came online. */
export const drainTask: Task = async (payload, helpers) => {
  Value.Assert(DrainPayload, payload);
  await helpers.withPgClient(async (db) => {
    if ('queueId' in payload) await drainQueue(db as pg.PoolClient, payload.queueId);
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
  await helpers.withPgClient((db) => inClientTransaction(db, (tx) => handleMaxWait(tx, ticketId, queueId)));
};

async function handleMaxWait(tx: pg.PoolClient, ticketId: number, queueId: number): Promise<void> {
  const row = await selectRoutedTicket(tx, ticketId, 'wait');
  if (!row?.waiting || row.queueId !== queueId || row.maxWaitHandled) return;
  const queue = await selectQueue(tx, queueId);
  const action = queue?.onMaxWait;
  if (!queue || !action) return;
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
    if (action.kind === 'escalate' && action.raisePriority) {
      const ticket = await getTicket(ctx, ticketId);
      if (ticket.priority !== 'urgent') await updateTicket(ctx, ticketId, { priority: raise(ticket.priority) });
    } else if (action.kind === 'auto_reply') {
      const position = (await countAhead(tx, row)) + 1;
      await addMessage(ctx, ticketId, { author: 'system', body: action.body.replaceAll('{{position}}', String(position)) });
    }
  }
  const eventId = await emitEvent(tx, 'routing.max_wait_exceeded', { ticketId, queueId, action: action.kind, ...(overflowTo ? { overflowQueueId: overflowTo } : {}) });
  if (action.kind === 'escalate' && action.notifyUserIds?.length) {
    // The lead hears of it in their bell, once, however often this job runs.
    const ticket = await getTicket(ctx, ticketId);
    const waited = `#${ticketId} has waited over ${queue.maxWaitMinutes} minutes in ${queue.name}`;
    await notifyPeople(tx, eventId, action.notifyUserIds.map((userId) => ({ userId, kind: 'escalated' as const, ticketId, title: `Waiting too long: ${ticket.subject}`, body: waited })));
  }
  // The ticket waits on (in the queue it overflowed into, or where it was, now perhaps more urgent): serve it.
  await requestDrain(tx, { queueId: overflowTo ?? queueId });
}

const FollowUpPayload = Type.Object({ ticketId: Type.Integer(), userId: Type.Integer() });

/** The `routing.follow_up` job: reminds whoever transferred a ticket to check how it went. */
export const followUpTask: Task = async (payload, helpers) => {
  Value.Assert(FollowUpPayload, payload);
  await helpers.withPgClient((db) => emitEvent(db, 'routing.follow_up_due', { ticketId: payload.ticketId, forUserId: payload.userId }));
};
