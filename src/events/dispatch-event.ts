import type { TaskList } from 'graphile-worker';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import type { Queryable } from '../db/pool.ts';
import { AppError } from '../platform/errors.ts';
import { DISPATCH_TASK, type DomainEvent, loadEvents } from './emit-event.ts';

/**
 * Reacts to a committed domain event. When any subscriber fails the dispatch job is retried and
 * every subscriber sees the event again, so each must be idempotent (e.g. keyed on the event id).
 * `db` is not in a transaction: a subscriber that writes more than one statement makes them atomic itself.
 */
export type EventSubscriber = (db: Queryable, event: DomainEvent) => Promise<void>;

/** The events one transaction emitted, dispatched by one job (a job per event doubled the queue's work). */
const DispatchPayload = Type.Object({ eventIds: Type.Array(Type.Integer(), { minItems: 1 }) });

/** The `events.dispatch` task, handing each event to the given subscribers (listed in src/routes.ts). */
export function eventTasks(subscribers: readonly EventSubscriber[]): TaskList {
  return {
    [DISPATCH_TASK]: async (payload, helpers) => {
      Value.Assert(DispatchPayload, payload);
      await helpers.withPgClient(async (db) => {
        const failures: unknown[] = [];
        const events = await loadEvents(db, payload.eventIds);
        if (events.length < payload.eventIds.length) helpers.logger.warn(`some of events ${payload.eventIds.join(', ')} no longer exist; nothing to dispatch for them`);
        for (const event of events) {
          // One subscriber failing must not keep the event from the others. An event can outlive
          // what it is about (a ticket merged away, a test's made-up ids): nothing left to act on is not a failure.
          for (const subscriber of subscribers) {
            await subscriber(db, event).catch((error: unknown) => {
              if (error instanceof AppError && error.code === 'not_found') helpers.logger.warn(`event ${event.id}: ${error.message}; skipped`);
              else failures.push(error);
            });
          }
        }
        if (failures.length > 0) throw new AggregateError(failures, `dispatching events ${payload.eventIds.join(', ')} failed for ${failures.length} subscriber(s)`);
      });
    },
  };
}
