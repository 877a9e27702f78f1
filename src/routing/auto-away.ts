import type { FastifyInstance } from 'fastify';
import type { Task } from 'graphile-worker';
import type pg from 'pg';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { systemActor } from '../auth/index.ts';
import { getCalendar, isBusinessTime, nextOpeningChange } from '../business-hours/index.ts';
import { type Db, inClientTransaction, withTransaction } from '../db/pool.ts';
import { enqueue, removeJob } from '../jobs/enqueue.ts';
import { changeAvailability } from './change-availability.ts';
import { IDLE_TASK, markAwayIdle, selectPresence, SHIFT_TASK, shiftKey, touchActivity } from './presence.queries.ts';

export { IDLE_TASK, SHIFT_TASK };

// Activity is written at most this often per agent and process: requests stay reads, and the idle
// clock (minutes at the least) loses no precision worth having.
const ACTIVITY_WRITE_EVERY_MS = 60_000;
const lastWritten = new Map<number, number>();

/**
 * An agent did something (an HTTP request, a WebSocket heartbeat): their idle timer moves on, and an
 * away the system set for inactivity ends. Cheap on the hot path: a map lookup, and one statement a
 * minute at most.
 */
export async function noteAgentActivity(db: Db, userId: number): Promise<void> {
  const now = Date.now();
  if (now - (lastWritten.get(userId) ?? 0) < ACTIVITY_WRITE_EVERY_MS) return;
  lastWritten.set(userId, now);
  const presence = await touchActivity(db, userId);
  if (presence?.autoAway !== 'idle') return;
  await withTransaction(db, async (tx) => {
    // Looked at again under the row's lock: the agent may have chosen a status meanwhile.
    if ((await selectPresence(tx, userId, true))?.autoAway === 'idle') await changeAvailability(tx, systemActor, userId, 'online');
  });
}

/**
 * Counts every request signed in with a web session as activity, after it is answered so it never
 * waits on the write (API tokens are integrations acting for someone, not the person at their desk).
 * Registered at the root so it sees every route.
 */
export async function activityTracking(app: FastifyInstance): Promise<void> {
  app.addHook('onResponse', async (request) => {
    const actor = request.actor;
    if (actor?.kind !== 'user' || actor.userId === null) return;
    noteAgentActivity(app.deps.db, actor.userId).catch((error: unknown) => request.log.warn({ err: error }, 'recording agent activity failed'));
  });
}
// Not encapsulated (what fastify-plugin does): the hook applies to the routes registered after it.
Object.assign(activityTracking, { [Symbol.for('skip-override')]: true });

const AgentPayload = Type.Object({ userId: Type.Integer() });

/** The `routing.idle` job, due when an online agent will have been idle their allowed time: sets them away. */
export const idleTask: Task = async (payload, helpers) => {
  Value.Assert(AgentPayload, payload);
  const { userId } = payload;
  await helpers.withPgClient((db) =>
    inClientTransaction(db, async (tx) => {
      const p = await selectPresence(tx, userId, true);
      if (!p || p.status !== 'online' || p.idleAwayMinutes === 0 || !p.lastActiveAt) return;
      const due = new Date(p.lastActiveAt.getTime() + p.idleAwayMinutes * 60_000);
      // Activity seen since this timer was set moved it on (or is about to): follow it.
      if (due.getTime() > Date.now()) return enqueue(tx, IDLE_TASK, { userId }, { runAt: due, jobKey: `${IDLE_TASK}:${userId}`, maxAttempts: 5 });
      await changeAvailability(tx, systemActor, userId, 'away', 'idle');
      // Their next sign of life must be heard at once, not after this process's write interval.
      lastWritten.delete(userId);
    }),
  );
};

/**
 * Puts an agent's availability in line with their shift as of now, and times the next look for when
 * the shift next starts or ends. Outside the shift an online agent is set away; when it starts, an
 * agent the shift end set away comes back online if they were active lately, else at their next activity.
 */
export async function applyShift(tx: pg.PoolClient, userId: number, now = new Date()): Promise<void> {
  const p = await selectPresence(tx, userId, true);
  if (!p?.shiftCalendarId) return removeJob(tx, shiftKey(userId));
  const calendar = await getCalendar({ db: tx, actor: systemActor }, p.shiftCalendarId);
  if (!isBusinessTime(calendar, now)) {
    if (p.status === 'online') await changeAvailability(tx, systemActor, userId, 'away', 'off_shift');
  } else if (p.autoAway === 'off_shift') {
    const lately = p.idleAwayMinutes === 0 || (p.lastActiveAt !== null && now.getTime() - p.lastActiveAt.getTime() < p.idleAwayMinutes * 60_000);
    if (lately) await changeAvailability(tx, systemActor, userId, 'online');
    else await markAwayIdle(tx, userId);
  }
  const next = nextOpeningChange(calendar, now);
  if (next) await enqueue(tx, SHIFT_TASK, { userId }, { runAt: next, jobKey: shiftKey(userId), maxAttempts: 5 });
  else await removeJob(tx, shiftKey(userId));
}

/** The `routing.shift` job, due when an agent's shift starts or ends. */
export const shiftTask: Task = async (payload, helpers) => {
  Value.Assert(AgentPayload, payload);
  await helpers.withPgClient((db) => inClientTransaction(db, (tx) => applyShift(tx, payload.userId)));
};
