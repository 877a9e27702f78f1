import type { TaskList } from 'graphile-worker';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import type { Queryable } from '../db/pool.ts';
import { AppError } from '../platform/errors.ts';
import { DISPATCH_TASK, type DomainEvent, loadEvents } from './emit-event.ts';

/**
 * Reacts to committed domain events: those one transaction emitted, in the order emitted. Handed
 * together so that a subscriber can look up what they concern in one statement (a batch of tickets
 * opened together reads their SLA state once, not once per event). When any subscriber fails the
 * dispatch job is retried and every subscriber sees the events again, so each must be idempotent
 * (e.g. keyed on the event id). `db` is not in a transaction: a subscriber that writes more than one
 * statement makes them atomic itself.
 */
export type EventSubscriber = (db: Queryable, events: DomainEvent[], log: SubscriberLog) => Promise<void>;

/** A subscriber's reaction to one event (see `eachEvent`). */
export type EventReaction = (db: Queryable, event: DomainEvent) => Promise<void>;

export interface SubscriberLog {
  warn(message: string): void;
}

/**
 * Runs a subscriber's reaction to one event. An event can outlive what it is about (a ticket
 * merged away, a test's made-up ids); nothing left to act on is not a failure: the event is skipped.
 */
export async function reactTo(event: DomainEvent, log: SubscriberLog, react: () => Promise<void>): Promise<void> {
  await react().catch((error: unknown) => {
    if (!(error instanceof AppError && error.code === 'not_found')) throw error;
    log.warn(`event ${event.id}: ${error.message}; skipped`);
  });
}

/** A subscriber that reacts to each event on its own: one event failing does not keep the others from it. */
export function eachEvent(react: EventReaction): EventSubscriber {
  return async (db, events, log) => {
    const failures: unknown[] = [];
    for (const event of events) await reactTo(event, log, () => react(db, event)).catch((error: unknown) => failures.push(error));
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1) throw new AggregateError(failures, `${failures.length} events failed`);
  };
}

/** The events one transaction emitted, dispatched by one job. Jobs queued by earlier versions carry `{ eventIds }`. */
const DispatchPayload = Type.Union([Type.Array(Type.Integer(), { minItems: 1 }), Type.Object({ eventIds: Type.Array(Type.Integer(), { minItems: 1 }) })]);

/** The `events.dispatch` task, handing the events to each of the given subscribers (listed in src/routes.ts). */
export function eventTasks(subscribers: readonly EventSubscriber[]): TaskList {
  return {
    [DISPATCH_TASK]: async (payload, helpers) => {
      Value.Assert(DispatchPayload, payload);
      const ids = Array.isArray(payload) ? payload : payload.eventIds;
      const log: SubscriberLog = { warn: (message) => helpers.logger.warn(message) };
      await helpers.withPgClient(async (db) => {
        const failures: unknown[] = [];
        const events = await loadEvents(db, ids);
        if (events.length < ids.length) log.warn(`some of events ${ids.join(', ')} no longer exist; nothing to dispatch for them`);
        if (events.length === 0) return;
        // One subscriber failing must not keep the events from the others.
        for (const subscriber of subscribers) await subscriber(db, events, log).catch((error: unknown) => failures.push(error));
        if (failures.length > 0) throw new AggregateError(failures, `dispatching events ${ids.join(', ')} failed for ${failures.length} subscriber(s)`);
      });
    },
  };
}
