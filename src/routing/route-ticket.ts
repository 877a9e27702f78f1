import type pg from 'pg';
import { addBusinessTime, getCalendar } from '../business-hours/index.ts';
import { systemActor } from '../auth/index.ts';
import { inClientTransaction, type Queryable } from '../db/pool.ts';
import { enqueue } from '../jobs/enqueue.ts';
import type { Ctx } from '../platform/context.ts';
import { listTeamMembers, listUserTeams } from '../teams/index.ts';
import { getTicket, type Ticket, updateTicket } from '../tickets/index.ts';
import { rankCandidates } from './choose-agent.ts';
import {
  saveRoutedTicket,
  selectAgentLoad,
  selectCandidates,
  selectLastAgentOf,
  selectQueue,
  selectQueues,
  selectRoutedTicket,
  selectWaiting,
  touchLastAssigned,
  tryLockAgent,
} from './routing.queries.ts';
import type { Queue, RoutedTicket } from './routing.types.ts';
import { PRIORITY_RANK, queueFor, requiredSkills } from './ticket-queue.ts';

export const MAX_WAIT_TASK = 'routing.max_wait';
const system = (db: Queryable): Ctx => ({ db: db as pg.PoolClient, actor: systemActor });
const isLive = (ticket: Ticket) => ticket.assignee !== null && (ticket.status === 'new' || ticket.status === 'open');
const isFinished = (ticket: Ticket) => ticket.status === 'solved' || ticket.status === 'closed' || ticket.mergedIntoId !== null;

/** Schedules the queue's maximum-wait timer for a ticket that starts waiting in it now. */
export async function scheduleMaxWait(tx: pg.PoolClient, queue: Queue, ticketId: number, from: Date): Promise<void> {
  if (!queue.maxWaitMinutes) return;
  const runAt = queue.calendarId
    ? addBusinessTime(await getCalendar(system(tx), queue.calendarId), from, queue.maxWaitMinutes)
    : new Date(from.getTime() + queue.maxWaitMinutes * 60_000);
  await enqueue(tx, MAX_WAIT_TASK, { ticketId, queueId: queue.id }, { runAt, jobKey: `${MAX_WAIT_TASK}:${ticketId}` });
}

/** What a change to a ticket means for routing: queues that may now assign, agents whose capacity freed. */
export interface RoutingChange {
  queueIds: number[];
  freedAgentIds: number[];
}

/**
 * Brings a ticket's routing row in line with the ticket: a new unassigned ticket enters its queue,
 * a ticket unassigned or moved to another team waits in that team's queue, and assignment, status
 * and priority changes update whether it counts toward its agent's load.
 */
export async function syncRoutedTicket(tx: pg.PoolClient, ticketId: number): Promise<RoutingChange> {
  const change: RoutingChange = { queueIds: [], freedAgentIds: [] };
  const ticket = await getTicket(system(tx), ticketId).catch(() => null);
  if (!ticket) return change;
  const row = await selectRoutedTicket(tx, ticketId, 'wait');
  const needsQueue = !ticket.assignee && !isFinished(ticket);
  const queues = needsQueue ? await selectQueues(tx, { activeOnly: true }) : [];
  const now = new Date();
  const base = {
    ticketId,
    requesterId: ticket.requester.id,
    channel: ticket.channel,
    priorityRank: PRIORITY_RANK[ticket.priority],
    assigneeId: ticket.assignee?.id ?? null,
    live: isLive(ticket),
  };

  if (!row) {
    const queue = needsQueue ? queueFor(queues, ticket) : null;
    if (!queue && !ticket.assignee) return change;
    const inserted = await saveRoutedTicket(
      tx,
      { ...base, queueId: queue?.id ?? null, requiredSkills: queue ? requiredSkills(queue, ticket) : [], waiting: queue !== null, enqueuedAt: ticket.createdAt, maxWaitHandled: false, assignedAt: ticket.assignee ? now : null },
      true,
    );
    if (inserted && queue) {
      await scheduleMaxWait(tx, queue, ticketId, now);
      change.queueIds.push(queue.id);
    }
    return change;
  }

  let next: RoutedTicket = { ...row, ...base, assignedAt: ticket.assignee && ticket.assignee.id !== row.assigneeId ? now : row.assignedAt };
  const queue = needsQueue ? queueFor(queues, ticket) : null;
  const wrongQueue = queue !== null && (!row.waiting || row.queueId === null || (ticket.team !== null && queues.find((q) => q.id === row.queueId)?.teamId !== ticket.team.id));
  if (!needsQueue) next = { ...next, waiting: false };
  else if (wrongQueue && queue) {
    next = { ...next, queueId: queue.id, requiredSkills: requiredSkills(queue, ticket), waiting: true, enqueuedAt: row.waiting ? row.enqueuedAt : now, maxWaitHandled: false };
    await scheduleMaxWait(tx, queue, ticketId, now);
  }
  await saveRoutedTicket(tx, next, false);
  if (next.waiting && next.queueId !== null) change.queueIds.push(next.queueId);
  if (row.live && row.assigneeId !== null && (!next.live || next.assigneeId !== row.assigneeId)) change.freedAgentIds.push(row.assigneeId);
  return change;
}

export type Decision = 'assigned' | 'waiting' | 'contended' | 'busy' | 'gone';

/**
 * Offers one waiting ticket to the best eligible agent of its queue and assigns it through the
 * tickets capability. Each agent is taken under an advisory lock and their load recounted under it,
 * so concurrent decisions in any number of processes never push an agent past capacity. An agent
 * locked by another decision is skipped; when that kept the ticket from someone, the answer is
 * `contended` and the caller decides again. A ticket another decision holds right now is `busy`.
 */
export async function decideTicket(tx: pg.PoolClient, ticketId: number): Promise<Decision> {
  const row = await selectRoutedTicket(tx, ticketId, 'skip');
  if (!row) return 'busy';
  if (!row.waiting || row.queueId === null) return 'gone';
  const ticket = await getTicket(system(tx), ticketId).catch(() => null);
  if (!ticket || ticket.assignee || isFinished(ticket)) {
    await saveRoutedTicket(tx, { ...row, waiting: false }, false);
    return 'gone';
  }
  const queue = await selectQueue(tx, row.queueId);
  if (!queue?.active) return 'waiting';
  const members = (await listTeamMembers(system(tx), queue.teamId)).filter((m) => m.status === 'active').map((m) => m.id);
  const candidates = await selectCandidates(tx, members, row.channel, row.requiredSkills);
  const sticky = queue.sticky ? await selectLastAgentOf(tx, row.requesterId, ticketId) : null;
  let contended = false;
  for (const candidate of rankCandidates(candidates, queue.strategy, sticky)) {
    if (!(await tryLockAgent(tx, candidate.userId))) {
      contended = true;
      continue;
    }
    const current = await selectAgentLoad(tx, candidate.userId, row.channel);
    if (!current.online || (current.capacity !== null && current.load >= current.capacity)) continue;
    await updateTicket(system(tx), ticketId, { assigneeId: candidate.userId, teamId: queue.teamId });
    await saveRoutedTicket(tx, { ...row, waiting: false, assigneeId: candidate.userId, assignedAt: new Date(), live: true }, false);
    await touchLastAssigned(tx, candidate.userId);
    return 'assigned';
  }
  return contended ? 'contended' : 'waiting';
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Decides in a transaction of its own, again while another decision held a wanted agent. */
export async function decideUntilSettled(db: Queryable, ticketId: number): Promise<Decision> {
  for (let attempt = 0; ; attempt++) {
    const decision = await inClientTransaction(db, (tx) => decideTicket(tx, ticketId));
    if (decision !== 'contended' || attempt >= 100) return decision;
    await pause(2 + Math.random() * 10);
  }
}

const DRAIN_BATCH = 100;
export const DRAIN_TASK = 'routing.drain';
const DRAIN_AGAIN_MS = 1_000;

/**
 * Serves a queue's waiting tickets in priority-then-age order until nobody eligible has room. A
 * ticket needing no skills that finds no one means its channel is full for everyone: later tickets
 * of that channel are passed over without asking. Tickets another decision held are passed over
 * too, and the queue is served again shortly, in case that decision saw capacity about to free.
 */
export async function drainQueue(db: Queryable, queueId: number): Promise<number> {
  const fullChannels = new Set<string>();
  let assigned = 0;
  let busy = false;
  for (;;) {
    const waiting = (await selectWaiting(db, queueId, DRAIN_BATCH)).filter((w) => !fullChannels.has(w.channel));
    let progress = false;
    for (const w of waiting) {
      if (fullChannels.has(w.channel)) continue;
      const decision = await decideUntilSettled(db, w.ticketId);
      if (decision === 'assigned') {
        assigned++;
        progress = true;
      } else if (decision === 'busy') busy = true;
      else if (decision === 'waiting' && !w.hasSkills) fullChannels.add(w.channel);
    }
    if (!progress || waiting.length < DRAIN_BATCH) break;
  }
  if (busy) await enqueue(db, DRAIN_TASK, { queueId }, { jobKey: `${DRAIN_TASK}:queue:${queueId}`, runAt: new Date(Date.now() + DRAIN_AGAIN_MS) });
  return assigned;
}

/** Drains every queue an agent works in, after their capacity freed or they came online. */
export async function drainAgentQueues(db: Queryable, userId: number): Promise<void> {
  const teamIds = (await listUserTeams(system(db), userId)).map((t) => t.id);
  if (teamIds.length === 0) return;
  for (const queue of await selectQueues(db, { activeOnly: true, teamIds })) await drainQueue(db, queue.id);
}
