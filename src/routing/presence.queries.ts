import type { Queryable } from '../db/pool.ts';
import { type AutoAway, type Availability, DEFAULT_IDLE_AWAY_MINUTES, type Presence } from './routing.types.ts';

export const IDLE_TASK = 'routing.idle';
export const SHIFT_TASK = 'routing.shift';
export const idleKey = (userId: number) => `${IDLE_TASK}:${userId}`;
export const shiftKey = (userId: number) => `${SHIFT_TASK}:${userId}`;

export async function selectPresence(db: Queryable, userId: number, lock = false): Promise<Presence | null> {
  const { rows } = await db.query(
    `SELECT status, auto_away, last_active_at, idle_away_minutes, shift_calendar_id FROM agent_availability WHERE user_id = $1${lock ? ' FOR UPDATE' : ''}`,
    [userId],
  );
  const r = rows[0];
  return r ? { status: r.status, autoAway: r.auto_away, lastActiveAt: r.last_active_at, idleAwayMinutes: r.idle_away_minutes, shiftCalendarId: r.shift_calendar_id } : null;
}

/**
 * Sets an agent's availability and why (null: they or a supervisor chose it); coming online starts
 * the idle clock. Returns the status before (offline for an agent never seen).
 */
export async function upsertAvailability(db: Queryable, userId: number, status: Availability, autoAway: AutoAway | null): Promise<Availability> {
  const { rows } = await db.query(
    `WITH before AS (SELECT status FROM agent_availability WHERE user_id = $1 FOR UPDATE)
     INSERT INTO agent_availability (user_id, status, auto_away, changed_at, last_active_at) VALUES ($1, $2, $3, now(), CASE WHEN $2 = 'online' THEN now() END)
     ON CONFLICT (user_id) DO UPDATE SET status = $2, auto_away = $3,
       changed_at = CASE WHEN agent_availability.status = $2 THEN agent_availability.changed_at ELSE now() END,
       last_active_at = CASE WHEN $2 = 'online' THEN now() ELSE agent_availability.last_active_at END
     RETURNING (SELECT status FROM before) AS before`,
    [userId, status, autoAway],
  );
  return rows[0]?.before ?? 'offline';
}

/** An automatic away that ended at the start of a shift the agent was not there for: activity lifts it. */
export async function markAwayIdle(db: Queryable, userId: number): Promise<void> {
  await db.query(`UPDATE agent_availability SET auto_away = 'idle' WHERE user_id = $1 AND auto_away IS NOT NULL`, [userId]);
}

/** The idle timer of an online agent: due when they will have been idle their allowed time. */
export async function scheduleIdleTimer(db: Queryable, userId: number): Promise<void> {
  await db.query(
    `SELECT enqueue_job($2, json_build_object('userId', a.user_id), run_at => a.last_active_at + a.idle_away_minutes * interval '1 minute', job_key => $3, max_attempts => 5)
       FROM agent_availability a WHERE a.user_id = $1 AND a.status = 'online' AND a.idle_away_minutes > 0 AND a.last_active_at IS NOT NULL`,
    [userId, IDLE_TASK, idleKey(userId)],
  );
}

/**
 * Records that an agent is active now, in one statement: moves their idle timer on if they are
 * online, and answers how things stand so an automatic away can be lifted. Null for an agent
 * routing has never seen (offline, nothing to time).
 */
export async function touchActivity(db: Queryable, userId: number): Promise<Pick<Presence, 'status' | 'autoAway'> | null> {
  const { rows } = await db.query(
    `WITH touched AS (
       UPDATE agent_availability SET last_active_at = now() WHERE user_id = $1
       RETURNING user_id, status, auto_away, idle_away_minutes, last_active_at)
     SELECT status, auto_away,
            CASE WHEN status = 'online' AND idle_away_minutes > 0 THEN
              enqueue_job($2, json_build_object('userId', user_id), run_at => last_active_at + idle_away_minutes * interval '1 minute', job_key => $3, max_attempts => 5)
            END AS idle_job
       FROM touched`,
    [userId, IDLE_TASK, idleKey(userId)],
  );
  return rows[0] ? { status: rows[0].status, autoAway: rows[0].auto_away } : null;
}

export async function savePresenceSettings(db: Queryable, userId: number, s: { idleAwayMinutes?: number; shiftCalendarId?: number | null }): Promise<void> {
  await db.query(
    `INSERT INTO agent_availability (user_id, idle_away_minutes, shift_calendar_id) VALUES ($1, coalesce($2, ${DEFAULT_IDLE_AWAY_MINUTES}), $3)
     ON CONFLICT (user_id) DO UPDATE SET idle_away_minutes = coalesce($2, agent_availability.idle_away_minutes),
       shift_calendar_id = CASE WHEN $4 THEN $3 ELSE agent_availability.shift_calendar_id END`,
    [userId, s.idleAwayMinutes ?? null, s.shiftCalendarId ?? null, s.shiftCalendarId !== undefined],
  );
}

/** Runs every shift job of agents working to this calendar now, after its hours changed. */
export async function rescheduleShifts(db: Queryable, calendarId: number): Promise<void> {
  await db.query(
    `SELECT enqueue_job($2, json_build_object('userId', user_id), job_key => $3 || user_id, max_attempts => 5)
       FROM agent_availability WHERE shift_calendar_id = $1`,
    [calendarId, SHIFT_TASK, `${SHIFT_TASK}:`],
  );
}
