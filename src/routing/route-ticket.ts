import type pg from 'pg';
import { addBusinessTime, getCalendar } from '../business-hours/index.ts';
import { systemActor } from '../auth/index.ts';
import { getCustomerSegment } from '../customers/index.ts';
import { inClientTransaction, type Queryable } from '../db/pool.ts';
import { enqueue } from '../jobs/enqueue.ts';
import type { Ctx } from '../platform/context.ts';
import { listTeamMembers, listUserTeams } from '../teams/index.ts';
import { assignUnassignedTickets } from '../tickets/index.ts';
import { planAssignments } from './plan-assignments.ts';
import {
  lockAgentsForAssignment,
  lockQueue,
  lockWaiting,
  markAssigned,
  markNotWaiting,
  saveLastAssigned,
  saveRoutedTicket,
  selectLastAgents,
  selectQueue,
  selectQueues,
  selectRoutedTicket,
  type WaitingPosition,
} from './routing.queries.ts';
import type { Queue, RoutedTicket } from './routing.types.ts';
import { needsCustomer, PRIORITY_RANK, queueFor, requiredSkills, type RoutingFacts, type RoutingTicket } from './ticket-queue.ts';

export const MAX_WAIT_TASK = 'routing.max_wait';
export const DRAIN_TASK = 'routing.drain';

const system = (db: Queryable): Ctx => ({ db: db as pg.PoolClient, actor: systemActor });
const isFinished = (t: Pick<RoutingTicket, 'status' | 'merged'>) => t.status === 'solved' || t.status === 'closed' || t.merged;
const isLive = (t: RoutingTicket) => t.assigneeId !== null && (t.status === 'new' || t.status === 'open');

/** Schedules the queue's maximum-wait timer for a ticket that starts waiting in it now. */
export async function scheduleMaxWait(tx: pg.PoolClient, queue: Queue, ticketId: number, from: Date): Promise<void> {
  if (!queue.maxWaitMinutes) return;
  const runAt = queue.calendarId
    ? addBusinessTime(await getCalendar(system(tx), queue.calendarId), from, queue.maxWaitMinutes)
    : new Date(from.getTime() + queue.maxWaitMinutes * 60_000);
  await enqueue(tx, MAX_WAIT_TASK, { ticketId, queueId: queue.id }, { runAt, jobKey: `${MAX_WAIT_TASK}:${ticketId}` });
}

/**
 * Asks for a queue (or every queue of an agent) to be served, after the caller commits. One job key
 * per queue: however many tickets arrive meanwhile, one pending job serves them all in batches.
 */
export async function requestDrain(tx: Queryable, target: { queueId: number } | { userId: number }): Promise<void> {
  const key = 'queueId' in target ? `${DRAIN_TASK}:queue:${target.queueId}` : `${DRAIN_TASK}:agent:${target.userId}`;
  await enqueue(tx, DRAIN_TASK, target, { jobKey: key });
}

async function factsOf(tx: pg.PoolClient, ticket: RoutingTicket, queues: Queue[]): Promise<RoutingFacts> {
  return { ticket, customer: needsCustomer(queues) ? await getCustomerSegment(system(tx), ticket.requesterId) : null };
}

const sameRow = (a: RoutedTicket, b: RoutedTicket) => (Object.keys(a) as (keyof RoutedTicket)[]).every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));

/**
 * Brings a ticket's routing row in line with the ticket: a new unassigned ticket enters its queue,
 * a ticket unassigned or moved to another team waits in that team's queue, and assignment, status
 * and priority changes update whether it counts toward its agent's load. Queues that may now assign,
 * and the queues of an agent whose capacity freed, are asked to be served. `insertOnly` (a new
 * ticket, as its creation event told it) leaves a row that already exists alone. `activeQueues`, when
 * the caller has just read them, spares reading them again.
 */
export async function syncRoutedTicket(tx: pg.PoolClient, ticket: RoutingTicket, insertOnly = false, activeQueues?: Queue[]): Promise<void> {
  const row = await selectRoutedTicket(tx, ticket.id, 'wait');
  if (row && insertOnly) return;
  const needsQueue = ticket.assigneeId === null && !isFinished(ticket);
  const queues = needsQueue ? (activeQueues ?? (await selectQueues(tx, { activeOnly: true }))) : [];
  const facts = needsQueue ? await factsOf(tx, ticket, queues) : null;
  const queue = facts ? queueFor(queues, facts) : null;
  const now = new Date();
  const base = { ticketId: ticket.id, requesterId: ticket.requesterId, channel: ticket.channel, priorityRank: PRIORITY_RANK[ticket.priority], assigneeId: ticket.assigneeId, live: isLive(ticket) };

  if (!row) {
    if (!queue && ticket.assigneeId === null) return;
    const inserted = await saveRoutedTicket(
      tx,
      { ...base, queueId: queue?.id ?? null, requiredSkills: queue && facts ? requiredSkills(queue, facts) : [], waiting: queue !== null, enqueuedAt: ticket.createdAt, maxWaitHandled: false, assignedAt: ticket.assigneeId ? now : null },
      true,
    );
    if (inserted && queue) {
      await scheduleMaxWait(tx, queue, ticket.id, now);
      await requestDrain(tx, { queueId: queue.id });
    }
    return;
  }

  let next: RoutedTicket = { ...row, ...base, assignedAt: ticket.assigneeId && ticket.assigneeId !== row.assigneeId ? now : row.assignedAt };
  const wrongQueue = queue !== null && (!row.waiting || row.queueId === null || (ticket.teamId !== null && queues.find((q) => q.id === row.queueId)?.teamId !== ticket.teamId));
  if (!needsQueue) next = { ...next, waiting: false };
  else if (wrongQueue && queue && facts) {
    next = { ...next, queueId: queue.id, requiredSkills: requiredSkills(queue, facts), waiting: true, enqueuedAt: row.waiting ? row.enqueuedAt : now, maxWaitHandled: false };
    await scheduleMaxWait(tx, queue, ticket.id, now);
  }
  if (!sameRow(row, next)) await saveRoutedTicket(tx, next, false);
  if (next.waiting && next.queueId !== null) await requestDrain(tx, { queueId: next.queueId });
  if (row.live && row.assigneeId !== null && (!next.live || next.assigneeId !== row.assigneeId)) await requestDrain(tx, { userId: row.assigneeId });
}

// Large enough that one lock round serves many tickets, small enough that a transaction stays short.
const BATCH = 200;

interface BatchResult {
  assigned: number;
  /** Where the next batch starts, or null when serving the queue is done for now. */
  next: WaitingPosition | null;
}

/**
 * One batch of a queue's waiting tickets, from `after` on: plans who takes which with every eligible
 * agent locked and their load counted (set-based reads, then a plan in memory), assigns each through
 * the tickets capability, and records it all in this one transaction. A ticket found assigned or
 * finished meanwhile stops waiting instead.
 */
async function assignBatch(tx: pg.PoolClient, queueId: number, after: WaitingPosition | null, fullChannels: Set<string>): Promise<BatchResult> {
  const done = { assigned: 0, next: null };
  await lockQueue(tx, queueId);
  const queue = await selectQueue(tx, queueId);
  if (!queue?.active) return done;
  const ctx = system(tx);
  const members = (await listTeamMembers(ctx, queue.teamId)).filter((m) => m.status === 'active').map((m) => m.id);
  const agents = await lockAgentsForAssignment(tx, members);
  if (agents.length === 0) return done;
  const waiting = await lockWaiting(tx, queueId, { after, exceptChannels: [...fullChannels] }, BATCH);
  if (waiting.length === 0) return done;
  const lastAgentOf = queue.sticky ? await selectLastAgents(tx, [...new Set(waiting.map((w) => w.requesterId))]) : null;
  const turns = new Map<number, Date>();
  const plan = planAssignments(queue.strategy, agents, waiting, lastAgentOf, new Date(), turns, fullChannels);

  const taken = new Set(await assignUnassignedTickets(ctx, plan.map((p) => ({ ticketId: p.ticketId, assigneeId: p.userId, teamId: queue.teamId }))));
  const assigned = plan.filter((p) => taken.has(p.ticketId));
  const gone = plan.filter((p) => !taken.has(p.ticketId)).map((p) => p.ticketId);
  await markAssigned(tx, assigned);
  await markNotWaiting(tx, gone);
  await saveLastAssigned(tx, turns);
  // A full page may hide tickets someone can take behind ones nobody free has the skills for.
  const last = waiting[waiting.length - 1] as RoutedTicket;
  return { assigned: assigned.length, next: waiting.length === BATCH ? { priorityRank: last.priorityRank, enqueuedAt: last.enqueuedAt, ticketId: last.ticketId } : null };
}

/**
 * Serves a queue's waiting tickets in priority-then-age order, a batch per transaction, passing over
 * the channels where nobody has room. Whatever starts waiting or frees capacity meanwhile asks for
 * another drain, so nothing is missed.
 */
export async function drainQueue(db: pg.PoolClient, queueId: number): Promise<number> {
  let assigned = 0;
  let after: WaitingPosition | null = null;
  const fullChannels = new Set<string>();
  do {
    const batch: BatchResult = await inClientTransaction(db, (tx) => assignBatch(tx, queueId, after, fullChannels));
    assigned += batch.assigned;
    after = batch.next;
  } while (after);
  return assigned;
}

/** Asks for every queue an agent works in to be served, after their capacity freed or they came online. */
export async function drainAgentQueues(db: Queryable, userId: number): Promise<void> {
  const teamIds = (await listUserTeams(system(db), userId)).map((t) => t.id);
  if (teamIds.length === 0) return;
  // A drain job per queue rather than serving them here: many agents freeing up at once share one.
  for (const queue of await selectQueues(db, { activeOnly: true, teamIds })) await requestDrain(db, { queueId: queue.id });
}
