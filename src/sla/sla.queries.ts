import type { Queryable, Row } from '../db/pool.ts';
import { enqueue } from '../jobs/enqueue.ts';
import { type AlertKind, SLA_METRICS, type SlaClock, type SlaMetric, type SlaPolicy } from './sla.types.ts';

const POLICY_COLUMNS = `id, name, position, active, conditions, first_response_minutes, next_response_minutes, resolution_minutes,
  warning_minutes, calendar_id, pause_statuses, escalation, created_at, updated_at`;
const toPolicy = (r: Row): SlaPolicy => ({
  id: r.id,
  name: r.name,
  position: r.position,
  active: r.active,
  conditions: r.conditions,
  firstResponseMinutes: r.first_response_minutes,
  nextResponseMinutes: r.next_response_minutes,
  resolutionMinutes: r.resolution_minutes,
  warningMinutes: r.warning_minutes,
  calendarId: r.calendar_id,
  pauseStatuses: r.pause_statuses,
  escalation: r.escalation,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export type PolicyFields = Omit<SlaPolicy, 'id' | 'createdAt' | 'updatedAt'>;

const violates = (error: unknown, code: string) => (error as { code?: string }).code === code;

/** In the order they are tried. */
export async function selectPolicies(db: Queryable, activeOnly = false): Promise<SlaPolicy[]> {
  const { rows } = await db.query(`SELECT ${POLICY_COLUMNS} FROM sla_policies WHERE active OR NOT $1 ORDER BY position, id`, [activeOnly]);
  return rows.map(toPolicy);
}

export async function selectPolicy(db: Queryable, id: number, forUpdate = false): Promise<SlaPolicy | null> {
  const { rows } = await db.query(`SELECT ${POLICY_COLUMNS} FROM sla_policies WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ? toPolicy(rows[0]) : null;
}

const policyValues = (p: PolicyFields) => [
  p.name,
  p.position,
  p.active,
  JSON.stringify(p.conditions),
  p.firstResponseMinutes,
  p.nextResponseMinutes,
  p.resolutionMinutes,
  p.warningMinutes,
  p.calendarId,
  p.pauseStatuses,
  JSON.stringify(p.escalation),
];

/** Null when the name is taken; 'no_calendar' when the calendar does not exist. */
export async function insertPolicy(db: Queryable, p: PolicyFields): Promise<number | null | 'no_calendar'> {
  try {
    const { rows } = await db.query(
      `INSERT INTO sla_policies (name, position, active, conditions, first_response_minutes, next_response_minutes, resolution_minutes,
         warning_minutes, calendar_id, pause_statuses, escalation)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (name) DO NOTHING RETURNING id`,
      policyValues(p),
    );
    return rows[0]?.id ?? null;
  } catch (error) {
    if (violates(error, '23503')) return 'no_calendar';
    throw error;
  }
}

/** 'name_taken' or 'no_calendar' when the change cannot be stored. */
export async function updatePolicyRow(db: Queryable, id: number, p: PolicyFields): Promise<'ok' | 'name_taken' | 'no_calendar'> {
  try {
    await db.query(
      `UPDATE sla_policies SET name = $2, position = $3, active = $4, conditions = $5, first_response_minutes = $6, next_response_minutes = $7,
         resolution_minutes = $8, warning_minutes = $9, calendar_id = $10, pause_statuses = $11, escalation = $12, updated_at = now()
       WHERE id = $1`,
      [id, ...policyValues(p)],
    );
    return 'ok';
  } catch (error) {
    if (violates(error, '23505')) return 'name_taken';
    if (violates(error, '23503')) return 'no_calendar';
    throw error;
  }
}

export async function deletePolicyRow(db: Queryable, id: number): Promise<void> {
  await db.query(`DELETE FROM sla_policies WHERE id = $1`, [id]);
}

// Two-key advisory locks: the first key keeps SLA's ticket locks apart from anyone else's.
const SLA_LOCK_CLASS = 7_310_030;

/** Serialises everything that changes one ticket's clocks, until the transaction ends. */
export async function lockTicketClocks(tx: Queryable, ticketId: number): Promise<Date> {
  const { rows } = await tx.query<{ now: Date }>(`SELECT now() AS now, pg_advisory_xact_lock($1, $2::int)`, [SLA_LOCK_CLASS, ticketId]);
  return (rows[0] as { now: Date }).now;
}

const CLOCK_COLUMNS = `ticket_id, metric, policy_id, state, cycle_started_at, elapsed_ms, running_since, due_at, warn_at, stopped_at, warned_at, breached_at`;
/** A ticket's clocks in the order of SLA_METRICS. */
const CLOCK_ORDER = `array_position(ARRAY[${SLA_METRICS.map((m) => `'${m}'`).join(', ')}], metric)`;
const toClock = (r: Row): SlaClock => ({
  ticketId: r.ticket_id,
  metric: r.metric,
  policyId: r.policy_id,
  state: r.state,
  cycleStartedAt: r.cycle_started_at,
  elapsedMs: r.elapsed_ms,
  runningSince: r.running_since,
  dueAt: r.due_at,
  warnAt: r.warn_at,
  stoppedAt: r.stopped_at,
  warnedAt: r.warned_at,
  breachedAt: r.breached_at,
});

/**
 * The clocks of each of these tickets, and whether any SLA policy is active, in one statement: with
 * neither, no event can start or move a ticket's clock.
 */
export async function selectClockStates(db: Queryable, ticketIds: number[]): Promise<{ clocks: Map<number, SlaClock[]>; anyActivePolicy: boolean }> {
  const { rows } = await db.query(
    `SELECT c.*, EXISTS (SELECT 1 FROM sla_policies WHERE active) AS any_active_policy
       FROM (SELECT 1) one LEFT JOIN (SELECT ${CLOCK_COLUMNS} FROM sla_clocks WHERE ticket_id = ANY($1::bigint[])) c ON true
      ORDER BY c.ticket_id, ${CLOCK_ORDER}`,
    [ticketIds],
  );
  const clocks = new Map<number, SlaClock[]>(ticketIds.map((id) => [id, []]));
  for (const r of rows) if (r.metric !== null) clocks.get(r.ticket_id)?.push(toClock(r));
  return { clocks, anyActivePolicy: rows[0]?.any_active_policy ?? false };
}

export async function selectClocks(db: Queryable, ticketId: number): Promise<SlaClock[]> {
  const { rows } = await db.query(
    `SELECT ${CLOCK_COLUMNS} FROM sla_clocks WHERE ticket_id = $1
      ORDER BY ${CLOCK_ORDER}`,
    [ticketId],
  );
  return rows.map(toClock);
}

export async function upsertClock(db: Queryable, c: SlaClock): Promise<void> {
  await db.query(
    `INSERT INTO sla_clocks (${CLOCK_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (ticket_id, metric) DO UPDATE SET policy_id = $3, state = $4, cycle_started_at = $5, elapsed_ms = $6, running_since = $7,
       due_at = $8, warn_at = $9, stopped_at = $10, warned_at = $11, breached_at = $12, updated_at = now()`,
    [c.ticketId, c.metric, c.policyId, c.state, c.cycleStartedAt, c.elapsedMs, c.runningSince, c.dueAt, c.warnAt, c.stoppedAt, c.warnedAt, c.breachedAt],
  );
}

export async function deleteClock(db: Queryable, ticketId: number, metric: SlaMetric): Promise<void> {
  await db.query(`DELETE FROM sla_clocks WHERE ticket_id = $1 AND metric = $2`, [ticketId, metric]);
}

// graphile-worker runs lower numbers first: a timer due now must not wait behind a backlog of
// ordinary jobs (event dispatch after a burst of tickets), or it fires as late as that backlog is old.
const TIMER_PRIORITY = -10;

/** Sets (or moves) the timer with this key to `runAt`, ahead of ordinary jobs once due. */
export const scheduleTimer = (db: Queryable, task: string, payload: Record<string, unknown>, runAt: Date, jobKey: string) =>
  enqueue(db, task, payload, { runAt, jobKey, maxAttempts: 10, priority: TIMER_PRIORITY });

/** True only for the one caller that records this alert for this clock cycle. */
export async function insertAlert(
  db: Queryable,
  a: { ticketId: number; metric: SlaMetric; kind: AlertKind; cycleStartedAt: Date; policyId: number; dueAt: Date },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO sla_alerts (ticket_id, metric, kind, cycle_started_at, policy_id, due_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (ticket_id, metric, kind, cycle_started_at) DO NOTHING`,
    [a.ticketId, a.metric, a.kind, a.cycleStartedAt, a.policyId, a.dueAt],
  );
  return rowCount === 1;
}

export type ClockList = 'at_risk' | 'breached';

/** Running clocks past their warning but not yet due; or open clocks that breached, most overdue first. */
export async function selectClockList(db: Queryable, list: ClockList, after: [string, number, string] | null, limit: number): Promise<(SlaClock & { policyName: string })[]> {
  const where =
    list === 'at_risk'
      ? `c.state = 'running' AND c.warn_at <= now() AND c.due_at > now()`
      : `c.state <> 'met' AND (c.breached_at IS NOT NULL OR (c.state = 'running' AND c.due_at <= now()))`;
  const { rows } = await db.query(
    `SELECT ${CLOCK_COLUMNS.split(', ').map((c) => `c.${c}`).join(', ')}, p.name AS policy_name, coalesce(c.due_at, c.breached_at) AS sort_at
       FROM sla_clocks c JOIN sla_policies p ON p.id = c.policy_id
      WHERE ${where}
        AND ($1::timestamptz IS NULL OR (coalesce(c.due_at, c.breached_at), c.ticket_id, c.metric) > ($1, $2, $3))
      ORDER BY coalesce(c.due_at, c.breached_at), c.ticket_id, c.metric
      LIMIT $4`,
    [after?.[0] ?? null, after?.[1] ?? null, after?.[2] ?? null, limit + 1],
  );
  return rows.map((r) => ({ ...toClock(r), policyName: r.policy_name }));
}
