import type { Queryable, Row } from '../db/pool.ts';
import type { AgentRouting, AgentSkill, Availability, Candidate, Queue, RequiredSkill, RoutedTicket } from './routing.types.ts';

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

/** Returns the status before (offline for an agent never seen). */
export async function upsertAvailability(db: Queryable, userId: number, status: Availability): Promise<Availability> {
  const { rows } = await db.query(
    `WITH before AS (SELECT status FROM agent_availability WHERE user_id = $1 FOR UPDATE)
     INSERT INTO agent_availability (user_id, status, changed_at) VALUES ($1, $2, now())
     ON CONFLICT (user_id) DO UPDATE SET status = $2, changed_at = CASE WHEN agent_availability.status = $2 THEN agent_availability.changed_at ELSE now() END
     RETURNING (SELECT status FROM before) AS before`,
    [userId, status],
  );
  return rows[0]?.before ?? 'offline';
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
     SELECT ids.user_id, coalesce(a.status, 'offline') AS status, a.changed_at,
            (SELECT coalesce(jsonb_object_agg(c.channel, c.max_open), '{}') FROM agent_capacities c WHERE c.user_id = ids.user_id) AS capacities,
            (SELECT coalesce(jsonb_agg(jsonb_build_object('skill', s.skill, 'level', s.level) ORDER BY s.skill), '[]') FROM agent_skills s WHERE s.user_id = ids.user_id) AS skills,
            (SELECT coalesce(jsonb_object_agg(l.channel, l.n), '{}') FROM (
               SELECT r.channel, count(*)::int AS n FROM routed_tickets r WHERE r.assignee_id = ids.user_id AND r.live GROUP BY r.channel) l) AS load
       FROM ids LEFT JOIN agent_availability a ON a.user_id = ids.user_id
      ORDER BY ids.user_id`,
    [userIds],
  );
  return rows.map((r) => ({ userId: r.user_id, status: r.status, changedAt: r.changed_at, capacities: r.capacities, skills: r.skills, load: r.load }));
}

const capacityOf = `coalesce((SELECT max_open FROM agent_capacities c WHERE c.user_id = a.user_id AND c.channel = $2),
                             (SELECT max_open FROM agent_capacities c WHERE c.user_id = a.user_id AND c.channel = '*'))`;
const loadOf = `(SELECT count(*)::int FROM routed_tickets r WHERE r.assignee_id = a.user_id AND r.live AND r.channel = $2)`;

/** Online agents among `userIds` having every required skill, with their capacity and live load for the channel. */
export async function selectCandidates(db: Queryable, userIds: number[], channel: string, required: RequiredSkill[]): Promise<Candidate[]> {
  const { rows } = await db.query(
    `SELECT a.user_id, a.last_assigned_at, ${capacityOf} AS capacity, ${loadOf} AS load,
            (SELECT count(*)::int FROM routed_tickets r WHERE r.assignee_id = a.user_id AND r.live) AS total_load,
            (SELECT coalesce(sum(s.level), 0)::int FROM agent_skills s JOIN jsonb_to_recordset($3::jsonb) AS q(skill text, "minLevel" int) ON q.skill = s.skill
              WHERE s.user_id = a.user_id) AS skill_score
       FROM agent_availability a
      WHERE a.user_id = ANY($1) AND a.status = 'online'
        AND NOT EXISTS (
          SELECT 1 FROM jsonb_to_recordset($3::jsonb) AS q(skill text, "minLevel" int)
           WHERE NOT EXISTS (SELECT 1 FROM agent_skills s WHERE s.user_id = a.user_id AND s.skill = q.skill AND s.level >= q."minLevel"))`,
    [userIds, channel, JSON.stringify(required)],
  );
  return rows.map((r) => ({ userId: r.user_id, capacity: r.capacity, load: r.load, totalLoad: r.total_load, lastAssignedAt: r.last_assigned_at, skillScore: r.skill_score }));
}

// Two-key advisory locks: the first key keeps routing's agent locks apart from anyone else's.
const AGENT_LOCK_CLASS = 7_310_031;

/**
 * Takes the agent's assignment lock for the rest of the transaction, or answers false at once when
 * another transaction holds it: never waiting is what keeps concurrent decisions free of deadlocks.
 */
export async function tryLockAgent(tx: Queryable, userId: number): Promise<boolean> {
  const { rows } = await tx.query<{ locked: boolean }>(`SELECT pg_try_advisory_xact_lock($1, $2::int) AS locked`, [AGENT_LOCK_CLASS, userId]);
  return rows[0]?.locked === true;
}

/** Capacity and live load, read after taking the agent's lock so it counts every committed assignment. */
export async function selectAgentLoad(tx: Queryable, userId: number, channel: string): Promise<{ capacity: number | null; load: number; online: boolean }> {
  const { rows } = await tx.query(
    `SELECT ${capacityOf} AS capacity, ${loadOf} AS load, a.status = 'online' AS online FROM agent_availability a WHERE a.user_id = $1`,
    [userId, channel],
  );
  return rows[0] ? { capacity: rows[0].capacity, load: rows[0].load, online: rows[0].online } : { capacity: null, load: 0, online: false };
}

export async function touchLastAssigned(tx: Queryable, userId: number): Promise<void> {
  await tx.query(`UPDATE agent_availability SET last_assigned_at = clock_timestamp() WHERE user_id = $1`, [userId]);
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

/** The waiting tickets of a queue in the order they are served: priority, then age. */
export async function selectWaiting(db: Queryable, queueId: number, limit: number): Promise<{ ticketId: number; channel: string; hasSkills: boolean }[]> {
  const { rows } = await db.query(
    `SELECT ticket_id, channel, jsonb_array_length(required_skills) > 0 AS has_skills FROM routed_tickets
      WHERE queue_id = $1 AND waiting ORDER BY priority_rank DESC, enqueued_at, ticket_id LIMIT $2`,
    [queueId, limit],
  );
  return rows.map((r) => ({ ticketId: r.ticket_id, channel: r.channel, hasSkills: r.has_skills }));
}

export async function countAhead(db: Queryable, t: RoutedTicket): Promise<number> {
  const { rows } = await db.query(
    `SELECT count(*)::int AS n FROM routed_tickets
      WHERE queue_id = $1 AND waiting AND (priority_rank > $2 OR (priority_rank = $2 AND (enqueued_at, ticket_id) < ($3, $4))) `,
    [t.queueId, t.priorityRank, t.enqueuedAt, t.ticketId],
  );
  return rows[0].n;
}

/** The agent who last took a ticket of this customer. */
export async function selectLastAgentOf(db: Queryable, requesterId: number, exceptTicketId: number): Promise<number | null> {
  const { rows } = await db.query(
    `SELECT assignee_id FROM routed_tickets WHERE requester_id = $1 AND assignee_id IS NOT NULL AND ticket_id <> $2 ORDER BY assigned_at DESC NULLS LAST LIMIT 1`,
    [requesterId, exceptTicketId],
  );
  return rows[0]?.assignee_id ?? null;
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
