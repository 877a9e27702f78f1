import type pg from 'pg';
import { getCalendar } from '../business-hours/index.ts';
import { systemActor } from '../auth/index.ts';
import { getCustomer } from '../customers/index.ts';
import { type DomainEvent, eachEvent, type EventSubscriber } from '../events/index.ts';
import type { Ctx } from '../platform/context.ts';
import { getTicket, type Ticket } from '../tickets/index.ts';
import { advanceClock, type ClockTarget, type ClockTiming, startClock } from './clock-math.ts';
import { inClientTransaction, type Queryable } from '../db/pool.ts';
import { raiseAlert } from './sla-alerts.ts';
import { removeJob } from '../jobs/enqueue.ts';
import { deleteClock, lockTicketClocks, scheduleTimer, selectClocks, selectClockStates, selectPolicies, upsertClock } from './sla.queries.ts';
import { type AlertKind, type ClockState, SLA_METRICS, type SlaClock, type SlaMetric, type SlaPolicy } from './sla.types.ts';

export const SLA_TIMER_TASK = 'sla.timer';
export const timerKey = (ticketId: number, metric: SlaMetric, kind: AlertKind) => `${SLA_TIMER_TASK}:${ticketId}:${metric}:${kind}`;

/** A public message, as the event that announced it tells: it starts and stops next-response cycles. */
interface MessageSeen {
  authorType: string;
  at: Date;
}

const TRACKED_EVENTS = new Set(['ticket.created', 'ticket.updated', 'message.created']);

async function organizationOf(ctx: Ctx, ticket: Ticket): Promise<number | null> {
  return (await getCustomer(ctx, ticket.requester.id)).organization?.id ?? null;
}

async function matchPolicy(ctx: Ctx, ticket: Ticket, policies: SlaPolicy[]): Promise<SlaPolicy | null> {
  let organizationId: number | null | undefined;
  for (const policy of policies) {
    const c = policy.conditions;
    if (c.priority?.length && !c.priority.includes(ticket.priority)) continue;
    if (c.channel?.length && !c.channel.includes(ticket.channel)) continue;
    if (c.tags?.length && !c.tags.some((tag) => ticket.tags.includes(tag))) continue;
    if (c.organizationId?.length) {
      organizationId ??= await organizationOf(ctx, ticket);
      if (organizationId === null || !c.organizationId.includes(organizationId)) continue;
    }
    return policy;
  }
  return null;
}

const targetMinutes = (policy: SlaPolicy, metric: SlaMetric) =>
  metric === 'first_response' ? policy.firstResponseMinutes : metric === 'next_response' ? policy.nextResponseMinutes : policy.resolutionMinutes;

const finished = (ticket: Ticket) => ticket.status === 'solved' || ticket.status === 'closed';

/** Where a metric's clock should be now, and since when; null when the metric has no clock (yet). */
function desiredPhase(metric: SlaMetric, ticket: Ticket, policy: SlaPolicy, clock: SlaClock | undefined, at: Date): { state: ClockState; at: Date } | null {
  const paused = policy.pauseStatuses.includes(ticket.status);
  const stoppedAt = ticket.solvedAt ?? ticket.closedAt ?? at;
  if (metric === 'first_response') {
    if (ticket.firstResponseAt) return { state: 'met', at: ticket.firstResponseAt };
    return finished(ticket) ? { state: 'met', at: stoppedAt } : { state: paused ? 'paused' : 'running', at };
  }
  if (metric === 'resolution') return finished(ticket) ? { state: 'met', at: stoppedAt } : { state: paused ? 'paused' : 'running', at };
  if (!clock || clock.state === 'met') return null;
  return finished(ticket) ? { state: 'met', at: stoppedAt } : { state: paused ? 'paused' : 'running', at };
}

/**
 * A next-response cycle starts with a customer's message after the first response and after the
 * last agent reply (kept as the met clock's stop time); an agent's public reply ends it.
 */
function nextResponseCycle(clock: SlaClock | undefined, ticket: Ticket, message: MessageSeen | null): { start: Date } | { replyAt: Date } | null {
  if (!message || !ticket.firstResponseAt) return null;
  if (message.authorType === 'agent') return { replyAt: message.at };
  if (message.authorType !== 'customer' || message.at <= ticket.firstResponseAt) return null;
  if (clock && (clock.state !== 'met' || (clock.stoppedAt && clock.stoppedAt >= message.at))) return null;
  return { start: message.at };
}

async function scheduleTimers(tx: pg.PoolClient, before: SlaClock | undefined, after: SlaClock): Promise<void> {
  for (const kind of ['warning', 'breach'] as const) {
    const at = kind === 'warning' ? after.warnAt : after.dueAt;
    const done = kind === 'warning' ? after.warnedAt : after.breachedAt;
    const key = timerKey(after.ticketId, after.metric, kind);
    if (after.state !== 'running' || !at || done) {
      if (before?.state === 'running') await removeJob(tx, key);
      continue;
    }
    const previous = kind === 'warning' ? before?.warnAt : before?.dueAt;
    if (before?.state === 'running' && previous?.getTime() === at.getTime()) continue;
    await scheduleTimer(tx, SLA_TIMER_TASK, { ticketId: after.ticketId, metric: after.metric, kind }, at, key);
  }
}

/**
 * Brings one ticket's SLA clocks in line with the ticket as it is now: picks the first matching
 * policy, starts, pauses, resumes or stops each metric's clock as of `at`, records a breach that a
 * stop arrived too late for, and (re)schedules the warning and breach timers of running clocks.
 */
export async function reconcileTicketSla(tx: pg.PoolClient, ticketId: number, at: Date, message: MessageSeen | null = null): Promise<void> {
  await lockTicketClocks(tx, ticketId);
  const ctx: Ctx = { db: tx, actor: systemActor };
  const existing = new Map((await selectClocks(tx, ticketId)).map((c) => [c.metric, c]));
  const policies = await selectPolicies(tx, true);
  // No clock to move and no policy to start one: a workspace without SLAs reads no ticket for them.
  if (existing.size === 0 && policies.length === 0) return;
  const ticket = await getTicket(ctx, ticketId).catch(() => null);
  const policy = ticket && !ticket.mergedIntoId ? await matchPolicy(ctx, ticket, policies) : null;
  const calendar = policy?.calendarId ? await getCalendar(ctx, policy.calendarId) : null;

  for (const metric of SLA_METRICS) {
    const before = existing.get(metric);
    const minutes = policy ? targetMinutes(policy, metric) : null;
    if (!ticket || !policy || minutes === null) {
      if (before) {
        await deleteClock(tx, ticketId, metric);
        await scheduleTimers(tx, before, { ...before, state: 'met' });
      }
      continue;
    }
    const target: ClockTarget = { minutes, warningMinutes: policy.warningMinutes, calendar };
    let clock: SlaClock | undefined = before && { ...before, policyId: policy.id };
    let timing: ClockTiming | null = null;
    if (metric === 'next_response') {
      const cycle = nextResponseCycle(clock, ticket, message);
      if (cycle && 'start' in cycle) {
        timing = startClock(target, cycle.start, 'running', cycle.start);
        clock = { ticketId, metric, policyId: policy.id, cycleStartedAt: cycle.start, warnedAt: null, breachedAt: null, ...timing };
      } else if (cycle && clock && clock.state !== 'met' && clock.cycleStartedAt <= cycle.replyAt) {
        clock = await stopLate(tx, ticket, clock, policy, cycle.replyAt);
        timing = advanceClock(clock, target, 'met', cycle.replyAt);
      } else if (cycle && clock && clock.stoppedAt && clock.stoppedAt < cycle.replyAt) {
        timing = { ...clock, stoppedAt: cycle.replyAt };
      }
    }
    const phase = timing ? null : desiredPhase(metric, ticket, policy, clock, at);
    if (phase) {
      if (!clock) {
        timing = startClock(target, ticket.createdAt, phase.state, phase.at);
        clock = { ticketId, metric, policyId: policy.id, cycleStartedAt: ticket.createdAt, warnedAt: null, breachedAt: null, ...timing };
      } else {
        if (phase.state !== 'running') clock = await stopLate(tx, ticket, clock, policy, phase.at);
        timing = advanceClock(clock, target, phase.state, phase.at);
      }
    }
    if (!clock) continue;
    const after: SlaClock = { ...clock, ...(timing ?? {}) };
    await upsertClock(tx, after);
    await scheduleTimers(tx, before, after);
  }
}

/** A clock stopping or pausing after its warning or due time had passed records what its timers may not have yet. */
async function stopLate(tx: pg.PoolClient, ticket: Ticket, clock: SlaClock, policy: SlaPolicy, at: Date): Promise<SlaClock> {
  let result = clock;
  if (clock.state !== 'running') return result;
  if (clock.warnAt && clock.warnAt <= at && !clock.warnedAt) result = await raiseAlert(tx, ticket, result, policy, 'warning', clock.dueAt ?? at, at);
  if (clock.dueAt && clock.dueAt <= at && !clock.breachedAt) result = await raiseAlert(tx, ticket, result, policy, 'breach', clock.dueAt, at);
  return result;
}

const messageSeen = (event: DomainEvent): MessageSeen | null => {
  const p = event.payload as { internal?: boolean; authorType?: string };
  return event.type === 'message.created' && !p.internal && p.authorType ? { authorType: p.authorType, at: event.createdAt } : null;
};

// Ticket fields no policy condition and no clock looks at.
const IRRELEVANT_FIELDS = new Set(['subject', 'type', 'assigneeId', 'teamId', 'customFields']);
const ACTIVE = new Set(['new', 'open']);

/** A ticket change that touched none of the fields SLAs look at. */
function onlyIgnoredFields(event: DomainEvent): boolean {
  const changes = event.payload.changes as Record<string, unknown> | undefined;
  return event.type === 'ticket.updated' && !!changes && Object.keys(changes).every((k) => IRRELEVANT_FIELDS.has(k));
}

/**
 * Whether an event can move a ticket's clocks: not a status going only from new to open (what
 * assigning does) when no policy pauses on either, nor a customer's message while the first response
 * is still awaited. Tickets and assignments come in bursts; this spares each the clocks' full recalculation.
 */
async function mayMoveClocks(db: Queryable, event: DomainEvent, clocks: SlaClock[]): Promise<boolean> {
  // A customer's message before the first response (such as the one a ticket opens with) starts no
  // next-response cycle: nothing moves while the first-response clock still runs.
  if (event.type === 'message.created' && messageSeen(event)?.authorType === 'customer') {
    const first = clocks.find((c) => c.metric === 'first_response');
    return !first || first.state === 'met';
  }
  if (event.type !== 'ticket.updated') return true;
  const changes = event.payload.changes as Record<string, { from?: unknown; to?: unknown }> | undefined;
  if (!changes) return true;
  const relevant = Object.keys(changes).filter((k) => !IRRELEVANT_FIELDS.has(k));
  if (relevant.length > 1 || relevant[0] !== 'status') return true;
  const { from, to } = changes.status as { from?: unknown; to?: unknown };
  if (!ACTIVE.has(String(from)) || !ACTIVE.has(String(to))) return true;
  return (await selectPolicies(db, true)).some((p) => p.pauseStatuses.some((s) => ACTIVE.has(s)));
}

/**
 * Event subscriber: keeps each ticket's SLA clocks live as the ticket and its thread change. The
 * tickets' clocks are read once for all the events: in a workspace without SLAs, that one read is
 * all the events cost.
 */
export const trackSlaOnEvent: EventSubscriber = async (db, events, log) => {
  const tracked = events.filter((e) => TRACKED_EVENTS.has(e.type) && typeof e.payload.ticketId === 'number' && !onlyIgnoredFields(e));
  if (tracked.length === 0) return;
  const state = await selectClockStates(db, [...new Set(tracked.map((e) => e.payload.ticketId as number))]);
  // A ticket whose clocks an earlier event of these moved has them read again.
  const moved = new Set<number>();
  await eachEvent(async (db, event) => {
    const ticketId = event.payload.ticketId as number;
    const clocks = moved.has(ticketId) ? await selectClocks(db, ticketId) : (state.clocks.get(ticketId) ?? []);
    // No clock to move and no policy to start one.
    if (clocks.length === 0 && !state.anyActivePolicy) return;
    if (!(await mayMoveClocks(db, event, clocks))) return;
    await inClientTransaction(db, (tx) => reconcileTicketSla(tx, ticketId, event.createdAt, messageSeen(event)));
    moved.add(ticketId);
  })(db, tracked, log);
};
