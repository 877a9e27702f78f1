import type { Queryable, Row } from '../../db/pool.ts';
import type { CallbackQueue, CallbackRequest, CallbackStatus } from './callbacks.types.ts';

const QUEUE_COLUMNS = 'id, name, max_wait_seconds, lead_user_id, team_id, created_at, updated_at';

const toQueue = (r: Row): CallbackQueue => ({
  id: r.id,
  name: r.name,
  maxWaitSeconds: r.max_wait_seconds,
  leadUserId: r.lead_user_id,
  teamId: r.team_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export type CallbackQueueFields = Pick<CallbackQueue, 'name' | 'maxWaitSeconds' | 'leadUserId' | 'teamId'>;

export async function insertCallbackQueue(tx: Queryable, q: CallbackQueueFields): Promise<CallbackQueue> {
  const { rows } = await tx.query(
    `INSERT INTO callback_queues (name, max_wait_seconds, lead_user_id, team_id) VALUES ($1, $2, $3, $4) RETURNING ${QUEUE_COLUMNS}`,
    [q.name, q.maxWaitSeconds, q.leadUserId, q.teamId],
  );
  return toQueue(rows[0]);
}

export async function updateCallbackQueueRow(tx: Queryable, id: number, q: CallbackQueueFields): Promise<CallbackQueue | null> {
  const { rows } = await tx.query(
    `UPDATE callback_queues SET name = $2, max_wait_seconds = $3, lead_user_id = $4, team_id = $5, updated_at = now() WHERE id = $1 RETURNING ${QUEUE_COLUMNS}`,
    [id, q.name, q.maxWaitSeconds, q.leadUserId, q.teamId],
  );
  return rows[0] ? toQueue(rows[0]) : null;
}

export async function deleteCallbackQueueRow(tx: Queryable, id: number): Promise<boolean> {
  const { rowCount } = await tx.query(`DELETE FROM callback_queues WHERE id = $1`, [id]);
  return (rowCount ?? 0) > 0;
}

export async function selectCallbackQueue(db: Queryable, id: number, lock = false): Promise<CallbackQueue | null> {
  const { rows } = await db.query(`SELECT ${QUEUE_COLUMNS} FROM callback_queues WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ? toQueue(rows[0]) : null;
}

export async function selectCallbackQueues(db: Queryable): Promise<CallbackQueue[]> {
  const { rows } = await db.query(`SELECT ${QUEUE_COLUMNS} FROM callback_queues ORDER BY name, id`);
  return rows.map(toQueue);
}

const COLUMNS = `id, queue_id, customer_id, ticket_id, phone, name, reason, source, status, offered_to, offered_at, passed_by, taken_by, taken_at,
  requested_at, due_at, escalated_at, done_at, outcome, call_id, notes`;

const toRequest = (r: Row): CallbackRequest => ({
  id: r.id,
  queueId: r.queue_id,
  customerId: r.customer_id,
  ticketId: r.ticket_id,
  phone: r.phone,
  name: r.name,
  reason: r.reason,
  source: r.source,
  status: r.status,
  offeredTo: r.offered_to,
  offeredAt: r.offered_at,
  passedBy: (r.passed_by as (number | string)[]).map(Number),
  takenBy: r.taken_by,
  takenAt: r.taken_at,
  requestedAt: r.requested_at,
  dueAt: r.due_at,
  escalatedAt: r.escalated_at,
  doneAt: r.done_at,
  outcome: r.outcome,
  callId: r.call_id,
  notes: r.notes,
});

export async function insertCallbackRequest(
  tx: Queryable,
  c: Pick<CallbackRequest, 'queueId' | 'customerId' | 'ticketId' | 'phone' | 'name' | 'reason' | 'source' | 'requestedAt' | 'dueAt'>,
): Promise<CallbackRequest> {
  const { rows } = await tx.query(
    `INSERT INTO callback_requests (queue_id, customer_id, ticket_id, phone, name, reason, source, requested_at, due_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
    [c.queueId, c.customerId, c.ticketId, c.phone, c.name, c.reason, c.source, c.requestedAt, c.dueAt],
  );
  return toRequest(rows[0]);
}

export async function selectCallbackRequest(db: Queryable, id: number, lock = false): Promise<CallbackRequest | null> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM callback_requests WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ? toRequest(rows[0]) : null;
}

export interface CallbackFilter {
  statuses?: CallbackStatus[];
  queueId?: number;
  /** Offered to or taken by this agent. */
  agentId?: number;
  /** Requests with an id below this one (pages run newest first). */
  beforeId?: number;
  limit: number;
}

export async function selectCallbackRequests(db: Queryable, f: CallbackFilter): Promise<CallbackRequest[]> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM callback_requests
      WHERE ($1::text[] IS NULL OR status = ANY($1)) AND ($2::bigint IS NULL OR queue_id = $2)
        AND ($3::bigint IS NULL OR (status = 'offered' AND offered_to = $3) OR taken_by = $3) AND ($4::bigint IS NULL OR id < $4)
      ORDER BY id DESC LIMIT $5`,
    [f.statuses ?? null, f.queueId ?? null, f.agentId ?? null, f.beforeId ?? null, f.limit],
  );
  return rows.map(toRequest);
}

/** The oldest waiting callbacks, first come first served; rows another offer round holds are passed over. */
export async function selectWaitingForOffer(tx: Queryable, limit: number): Promise<CallbackRequest[]> {
  const { rows } = await tx.query(`SELECT ${COLUMNS} FROM callback_requests WHERE status = 'waiting' ORDER BY requested_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`, [limit]);
  return rows.map(toRequest);
}

/** Agents busy right now: holding an offer, calling back, or on a live call. */
export async function selectBusyAgentIds(db: Queryable): Promise<Set<number>> {
  const { rows } = await db.query(
    `SELECT offered_to AS id FROM callback_requests WHERE status = 'offered'
     UNION SELECT taken_by FROM callback_requests WHERE status = 'taken'
     UNION SELECT agent_id FROM calls WHERE status <> 'ended' AND agent_id IS NOT NULL`,
  );
  return new Set(rows.map((r) => Number(r.id)));
}

/** When each agent was last offered a callback, for taking turns. */
export async function selectLastOffers(db: Queryable, agentIds: number[]): Promise<Map<number, Date>> {
  const { rows } = await db.query(
    `SELECT offered_to, max(offered_at) AS at FROM callback_requests WHERE offered_to = ANY($1::bigint[]) GROUP BY offered_to`,
    [agentIds],
  );
  return new Map(rows.map((r) => [Number(r.offered_to), r.at as Date]));
}

export type CallbackChange = Partial<Pick<CallbackRequest, 'status' | 'offeredTo' | 'offeredAt' | 'passedBy' | 'takenBy' | 'takenAt' | 'escalatedAt' | 'doneAt' | 'outcome' | 'callId' | 'notes'>>;

const CHANGE_COLUMNS: Record<keyof CallbackChange, string> = {
  status: 'status',
  offeredTo: 'offered_to',
  offeredAt: 'offered_at',
  passedBy: 'passed_by',
  takenBy: 'taken_by',
  takenAt: 'taken_at',
  escalatedAt: 'escalated_at',
  doneAt: 'done_at',
  outcome: 'outcome',
  callId: 'call_id',
  notes: 'notes',
};

export async function updateCallbackRequest(tx: Queryable, id: number, change: CallbackChange): Promise<CallbackRequest> {
  const entries = Object.entries(change).filter(([, v]) => v !== undefined) as [keyof CallbackChange, unknown][];
  const sets = entries.map(([k], i) => `${CHANGE_COLUMNS[k]} = $${i + 2}`);
  const { rows } = await tx.query(
    `UPDATE callback_requests SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, ...entries.map(([, v]) => v)],
  );
  return toRequest(rows[0]);
}

export interface QueueStats {
  queueId: number;
  waiting: number;
  offered: number;
  taken: number;
  escalated: number;
  oldestRequestedAt: Date | null;
}

export async function selectCallbackQueueStats(db: Queryable): Promise<QueueStats[]> {
  const { rows } = await db.query(
    `SELECT queue_id, count(*) FILTER (WHERE status = 'waiting')::int AS waiting, count(*) FILTER (WHERE status = 'offered')::int AS offered,
            count(*) FILTER (WHERE status = 'taken')::int AS taken,
            count(*) FILTER (WHERE escalated_at IS NOT NULL AND status IN ('waiting', 'offered'))::int AS escalated,
            min(requested_at) FILTER (WHERE status IN ('waiting', 'offered')) AS oldest
       FROM callback_requests WHERE status IN ('waiting', 'offered', 'taken') GROUP BY queue_id`,
  );
  return rows.map((r) => ({ queueId: r.queue_id, waiting: r.waiting, offered: r.offered, taken: r.taken, escalated: r.escalated, oldestRequestedAt: r.oldest }));
}

/** One offer round at a time across every process, so no agent is offered two callbacks at once. */
export async function lockOfferRound(tx: Queryable): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('tend.callback_offers'))`);
}
