import type { Queryable, Row } from '../db/pool.ts';
import { type AgentRouting, type AgentSkill, DEFAULT_IDLE_AWAY_MINUTES, type PlanAgent, type Queue, type RoutedTicket } from './routing.types.ts';

const violates = (error: unknown, code: string) => (error as { code?: string }).code === code;

const QUEUE_COLUMNS = `id, name, team_id, position, active, strategy, conditions, skill_rules, sticky, max_wait_minutes, on_max_wait, calendar_id, created_at, updated_at`;
const toQueue = (r: Row): Queue => ({
  id: r.id,
  name: r.name,
  teamId: r.team_id,
  position: r.position,
  active: r.active,
  strategy: r.strategy,
  conditions: r.conditions,
  skillRules: r.skill_rules,
  sticky: r.sticky,
  maxWaitMinutes: r.max_wait_minutes,
  onMaxWait: r.on_max_wait,
  calendarId: r.calendar_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export type QueueFields = Omit<Queue, 'id' | 'createdAt' | 'updatedAt'>;

/** In the order tickets are matched against them. */
export async function selectQueues(db: Queryable, filter: { activeOnly?: boolean; teamIds?: number[] } = {}): Promise<Queue[]> {
  const { rows } = await db.query(
    `SELECT ${QUEUE_COLUMNS} FROM routing_queues WHERE (active OR NOT $1) AND ($2::bigint[] IS NULL OR team_id = ANY($2)) ORDER BY position, id`,
    [filter.activeOnly ?? false, filter.teamIds ?? null],
  );
  return rows.map(toQueue);
}

export async function selectQueue(db: Queryable, id: number, forUpdate = false): Promise<Queue | null> {
  const { rows } = await db.query(`SELECT ${QUEUE_COLUMNS} FROM routing_queues WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ? toQueue(rows[0]) : null;
}

const queueValues = (q: QueueFields) => [
  q.name,
  q.teamId,
  q.position,
  q.active,
  q.strategy,
  JSON.stringify(q.conditions),
  JSON.stringify(q.skillRules),
  q.sticky,
  q.maxWaitMinutes,
  q.onMaxWait === null ? null : JSON.stringify(q.onMaxWait),
  q.calendarId,
];

export type QueueWriteResult = { id: number } | 'name_taken' | 'missing_reference';

export async function insertQueue(db: Queryable, q: QueueFields): Promise<QueueWriteResult> {
  try {
    const { rows } = await db.query(
      `INSERT INTO routing_queues (name, team_id, position, active, strategy, conditions, skill_rules, sticky, max_wait_minutes, on_max_wait, calendar_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      queueValues(q),
    );
    return { id: rows[0].id };
  } catch (error) {
    if (violates(error, '23505')) return 'name_taken';
    if (violates(error, '23503')) return 'missing_reference';
    throw error;
  }
}

export async function updateQueueRow(db: Queryable, id: number, q: QueueFields): Promise<QueueWriteResult> {
  try {
    await db.query(
      `UPDATE routing_queues SET name = $2, team_id = $3, position = $4, active = $5, strategy = $6, conditions = $7, skill_rules = $8,
         sticky = $9, max_wait_minutes = $10, on_max_wait = $11, calendar_id = $12, updated_at = now() WHERE id = $1`,
      [id, ...queueValues(q)],
    );
    return { id };
  } catch (error) {
    if (violates(error, '23505')) return 'name_taken';
    if (violates(error, '23503')) return 'missing_reference';
    throw error;
  }
}

export async function deleteQueueRow(db: Queryable, id: number): Promise<void> {
  await db.query(`DELETE FROM routing_queues WHERE id = $1`, [id]);
}

export async function replaceCapacities(db: Queryable, userId: number, capacities: Record<string, number>): Promise<void> {
  await db.query(`DELETE FROM agent_capacities WHERE user_id = $1`, [userId]);
  await db.query(
    `INSERT INTO agent_capacities (user_id, channel, max_open) SELECT $1, key, value::int FROM jsonb_each_text($2::jsonb)`,
    [userId, JSON.stringify(capacities)],
  );
}

export async function replaceSkills(db: Queryable, userId: number, skills: AgentSkill[]): Promise<void> {
  await db.query(`DELETE FROM agent_skills WHERE user_id = $1`, [userId]);
  await db.query(
    `INSERT INTO agent_skills (user_id, skill, level) SELECT $1, skill, level FROM jsonb_to_recordset($2::jsonb) AS s(skill text, level int)`,
    [userId, JSON.stringify(skills)],
  );
}

/** Routing state of the given agents (all agents routing knows of when null). */
export async function selectAgentRouting(db: Queryable, userIds: number[] | null): Promise<AgentRouting[]> {
  const { rows } = await db.query(
    `WITH ids AS (
       SELECT user_id FROM agent_availability WHERE $1::bigint[] IS NULL
       UNION SELECT user_id FROM agent_capacities WHERE $1::bigint[] IS NULL
       UNION SELECT user_id FROM agent_skills WHERE $1::bigint[] IS NULL
       UNION SELECT unnest($1::bigint[]))
     SELECT ids.user_id, coalesce(a.status, 'offline') AS status, a.changed_at, a.auto_away, a.last_active_at,
            coalesce(a.idle_away_minutes, ${DEFAULT_IDLE_AWAY_MINUTES}) AS idle_away_minutes, a.shift_calendar_id,
            (SELECT coalesce(jsonb_object_agg(c.channel, c.max_open), '{}') FROM agent_capacities c WHERE c.user_id = ids.user_id) AS capacities,
            (SELECT coalesce(jsonb_agg(jsonb_build_object('skill', s.skill, 'level', s.level) ORDER BY s.skill), '[]') FROM agent_skills s WHERE s.user_id = ids.user_id) AS skills,
            (SELECT coalesce(jsonb_object_agg(l.channel, l.n), '{}') FROM (
               SELECT r.channel, count(*)::int AS n FROM routed_tickets r WHERE r.assignee_id = ids.user_id AND r.live GROUP BY r.channel) l) AS load
       FROM ids LEFT JOIN agent_availability a ON a.user_id = ids.user_id
      ORDER BY ids.user_id`,
    [userIds],
  );
  return rows.map((r) => ({
    userId: r.user_id,
    status: r.status,
    changedAt: r.changed_at,
    autoAway: r.auto_away,
    lastActiveAt: r.last_active_at,
    idleAwayMinutes: r.idle_away_minutes,
    shiftCalendarId: r.shift_calendar_id,
    capacities: r.capacities,
    skills: r.skills,
    load: r.load,
  }));
}

// Two-key advisory locks: the first key keeps routing's locks apart from anyone else's.
const AGENT_LOCK_CLASS = 7_310_031;
const QUEUE_LOCK_CLASS = 7_310_032;

/** Serialises the serving of one queue, until the transaction ends. */
export async function lockQueue(tx: Queryable, queueId: number): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock($1, $2::int)`, [QUEUE_LOCK_CLASS, queueId]);
}

/**
 * The online agents among `userIds` with what choosing among them needs, each taken under their
 * assignment lock first (in id order, so two transactions locking overlapping agents never deadlock)
 * and their load counted after it: everything that assigns by capacity does the same, so no
 * agent is ever pushed past capacity. Advisory locks, so an agent's other writes never wait on them.
 */
export async function lockAgentsForAssignment(tx: Queryable, userIds: number[]): Promise<PlanAgent[]> {
  if (userIds.length === 0) return [];
  await tx.query(`SELECT pg_advisory_xact_lock($1, id::int) FROM (SELECT DISTINCT id FROM unnest($2::bigint[]) id ORDER BY id) ids`, [AGENT_LOCK_CLASS, userIds]);
  const { rows } = await tx.query(
    `SELECT a.user_id, a.last_assigned_at,
            (SELECT coalesce(jsonb_object_agg(c.channel, c.max_open), '{}') FROM agent_capacities c WHERE c.user_id = a.user_id) AS capacities,
            (SELECT coalesce(jsonb_object_agg(s.skill, s.level), '{}') FROM agent_skills s WHERE s.user_id = a.user_id) AS skills,
            (SELECT coalesce(jsonb_object_agg(l.channel, l.n), '{}') FROM (
               SELECT r.channel, count(*)::int AS n FROM routed_tickets r WHERE r.assignee_id = a.user_id AND r.live GROUP BY r.channel) l) AS load
       FROM agent_availability a
      WHERE a.user_id = ANY($1) AND a.status = 'online'
      ORDER BY a.user_id`,
    [userIds],
  );
  return rows.map((r) => ({ userId: r.user_id, lastAssignedAt: r.last_assigned_at, capacities: r.capacities, skills: r.skills, load: r.load }));
}

/** Each assigned agent's turn, as the batch that assigned them recorded it. */
export async function saveLastAssigned(tx: Queryable, turns: Map<number, Date>): Promise<void> {
  if (turns.size === 0) return;
  await tx.query(
    `UPDATE agent_availability a SET last_assigned_at = u.at FROM unnest($1::bigint[], $2::timestamptz[]) u(id, at) WHERE a.user_id = u.id`,
    [[...turns.keys()], [...turns.values()]],
  );
}

const ROUTED_COLUMNS = `ticket_id, queue_id, requester_id, channel, priority_rank, required_skills, waiting, enqueued_at, max_wait_handled, assignee_id, assigned_at, live`;
const toRouted = (r: Row): RoutedTicket => ({
  ticketId: r.ticket_id,
  queueId: r.queue_id,
  requesterId: r.requester_id,
  channel: r.channel,
  priorityRank: r.priority_rank,
  requiredSkills: r.required_skills,
  waiting: r.waiting,
  enqueuedAt: r.enqueued_at,
  maxWaitHandled: r.max_wait_handled,
  assigneeId: r.assignee_id,
  assignedAt: r.assigned_at,
  live: r.live,
});

/** `lock: 'skip'` answers null for a row another transaction is deciding on right now. */
export async function selectRoutedTicket(db: Queryable, ticketId: number, lock: 'none' | 'wait' | 'skip' = 'none'): Promise<RoutedTicket | null> {
  const suffix = lock === 'wait' ? ' FOR UPDATE' : lock === 'skip' ? ' FOR UPDATE SKIP LOCKED' : '';
  const { rows } = await db.query(`SELECT ${ROUTED_COLUMNS} FROM routed_tickets WHERE ticket_id = $1${suffix}`, [ticketId]);
  return rows[0] ? toRouted(rows[0]) : null;
}

/** Inserts or replaces a ticket's routing row; on a race with another insert, the first one stands and false is returned. */
export async function saveRoutedTicket(db: Queryable, t: RoutedTicket, insert: boolean): Promise<boolean> {
  const values = [t.ticketId, t.queueId, t.requesterId, t.channel, t.priorityRank, JSON.stringify(t.requiredSkills), t.waiting, t.enqueuedAt, t.maxWaitHandled, t.assigneeId, t.assignedAt, t.live];
  if (insert) {
    const { rowCount } = await db.query(`INSERT INTO routed_tickets (${ROUTED_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (ticket_id) DO NOTHING`, values);
    return rowCount === 1;
  }
  await db.query(
    `UPDATE routed_tickets SET queue_id = $2, requester_id = $3, channel = $4, priority_rank = $5, required_skills = $6, waiting = $7, enqueued_at = $8,
       max_wait_handled = $9, assignee_id = $10, assigned_at = $11, live = $12 WHERE ticket_id = $1`,
    values,
  );
  return true;
}

/** A place in a queue's serving order. */
export interface WaitingPosition {
  priorityRank: number;
  enqueuedAt: Date;
  ticketId: number;
}

/**
 * Up to `limit` waiting tickets of a queue in the order they are served (priority, then age), after
 * `after` and not of `exceptChannels`, locked for this transaction; a ticket whose routing row
 * another transaction is changing is passed over.
 */
export async function lockWaiting(tx: Queryable, queueId: number, from: { after: WaitingPosition | null; exceptChannels: string[] }, limit: number): Promise<RoutedTicket[]> {
  const { after } = from;
  const { rows } = await tx.query(
    `SELECT ${ROUTED_COLUMNS} FROM routed_tickets
      WHERE queue_id = $1 AND waiting AND channel <> ALL($2::text[])
        AND ($3::int IS NULL OR priority_rank < $3 OR (priority_rank = $3 AND (enqueued_at, ticket_id) > ($4, $5)))
      ORDER BY priority_rank DESC, enqueued_at, ticket_id LIMIT $6 FOR UPDATE SKIP LOCKED`,
    [queueId, from.exceptChannels, after?.priorityRank ?? null, after?.enqueuedAt ?? null, after?.ticketId ?? null, limit],
  );
  return rows.map(toRouted);
}

/** The tickets given to agents: they stop waiting and count toward their agent's load. */
export async function markAssigned(tx: Queryable, assignments: { ticketId: number; userId: number }[]): Promise<void> {
  if (assignments.length === 0) return;
  await tx.query(
    `UPDATE routed_tickets r SET waiting = false, assignee_id = u.user_id, assigned_at = clock_timestamp(), live = true
       FROM unnest($1::bigint[], $2::bigint[]) u(ticket_id, user_id) WHERE r.ticket_id = u.ticket_id`,
    [assignments.map((a) => a.ticketId), assignments.map((a) => a.userId)],
  );
}

/** Tickets found assigned, solved or gone meanwhile: they no longer wait. */
export async function markNotWaiting(tx: Queryable, ticketIds: number[]): Promise<void> {
  if (ticketIds.length > 0) await tx.query(`UPDATE routed_tickets SET waiting = false WHERE ticket_id = ANY($1)`, [ticketIds]);
}

export async function countAhead(db: Queryable, t: RoutedTicket): Promise<number> {
  const { rows } = await db.query(
    `SELECT count(*)::int AS n FROM routed_tickets
      WHERE queue_id = $1 AND waiting AND (priority_rank > $2 OR (priority_rank = $2 AND (enqueued_at, ticket_id) < ($3, $4))) `,
    [t.queueId, t.priorityRank, t.enqueuedAt, t.ticketId],
  );
  return rows[0].n;
}

/** The agent who last took a ticket of each of these customers. */
export async function selectLastAgents(db: Queryable, requesterIds: number[]): Promise<Map<number, number>> {
  const { rows } = await db.query(
    `SELECT DISTINCT ON (requester_id) requester_id, assignee_id FROM routed_tickets
      WHERE requester_id = ANY($1) AND assignee_id IS NOT NULL ORDER BY requester_id, assigned_at DESC NULLS LAST`,
    [requesterIds],
  );
  return new Map(rows.map((r) => [r.requester_id, r.assignee_id]));
}

export interface QueueStats {
  queueId: number;
  waiting: number;
  oldestEnqueuedAt: Date | null;
}

export async function selectQueueStats(db: Queryable): Promise<QueueStats[]> {
  const { rows } = await db.query(
    `SELECT q.id, count(r.ticket_id)::int AS waiting, min(r.enqueued_at) AS oldest
       FROM routing_queues q LEFT JOIN routed_tickets r ON r.queue_id = q.id AND r.waiting
      GROUP BY q.id ORDER BY q.id`,
  );
  return rows.map((r) => ({ queueId: r.id, waiting: r.waiting, oldestEnqueuedAt: r.oldest }));
}
