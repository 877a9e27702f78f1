import type { Queryable, Row } from '../db/pool.ts';

export interface Webhook {
  id: number;
  url: string;
  events: string[];
  active: boolean;
  description: string;
  createdById: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';

export interface WebhookDelivery {
  id: number;
  webhookId: number;
  eventId: number;
  eventType: string;
  status: DeliveryStatus;
  attempts: number;
  responseStatus: number | null;
  lastError: string | null;
  createdAt: Date;
  lastAttemptAt: Date | null;
  deliveredAt: Date | null;
}

// The secret is left out on purpose: only the delivery job reads it (selectDeliveryTarget).
const WEBHOOK_COLUMNS = `id, url, events, active, description, created_by, created_at, updated_at`;
const toWebhook = (r: Row): Webhook => ({
  id: r.id,
  url: r.url,
  events: r.events,
  active: r.active,
  description: r.description,
  createdById: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const DELIVERY_COLUMNS = `id, webhook_id, event_id, event_type, status, attempts, response_status, last_error, created_at, last_attempt_at, delivered_at`;
const toDelivery = (r: Row): WebhookDelivery => ({
  id: r.id,
  webhookId: r.webhook_id,
  eventId: r.event_id,
  eventType: r.event_type,
  status: r.status,
  attempts: r.attempts,
  responseStatus: r.response_status,
  lastError: r.last_error,
  createdAt: r.created_at,
  lastAttemptAt: r.last_attempt_at,
  deliveredAt: r.delivered_at,
});

export interface WebhookFields {
  url: string;
  events: string[];
  active: boolean;
  description: string;
}

export async function insertWebhook(db: Queryable, w: WebhookFields & { secret: string; createdById: number | null }): Promise<Webhook> {
  const { rows } = await db.query(
    `INSERT INTO webhooks (url, events, active, description, secret, created_by) VALUES ($1, $2, $3, $4, $5, $6)
     RETURNING ${WEBHOOK_COLUMNS}`,
    [w.url, w.events, w.active, w.description, w.secret, w.createdById],
  );
  return toWebhook(rows[0]);
}

/** Oldest first; `limit + 1` rows for pageOf. */
export async function selectWebhooks(db: Queryable, page: { afterId: number | null; limit: number }): Promise<Webhook[]> {
  const { rows } = await db.query(
    `SELECT ${WEBHOOK_COLUMNS} FROM webhooks WHERE ($1::bigint IS NULL OR id > $1) ORDER BY id LIMIT $2`,
    [page.afterId, page.limit + 1],
  );
  return rows.map(toWebhook);
}

export async function selectWebhook(db: Queryable, id: number, options: { forUpdate?: boolean } = {}): Promise<Webhook | null> {
  const { rows } = await db.query(`SELECT ${WEBHOOK_COLUMNS} FROM webhooks WHERE id = $1 ${options.forUpdate ? 'FOR UPDATE' : ''}`, [id]);
  return rows[0] ? toWebhook(rows[0]) : null;
}

export async function updateWebhookRow(db: Queryable, id: number, fields: WebhookFields): Promise<Webhook> {
  const { rows } = await db.query(
    `UPDATE webhooks SET url = $2, events = $3, active = $4, description = $5, updated_at = now() WHERE id = $1
     RETURNING ${WEBHOOK_COLUMNS}`,
    [id, fields.url, fields.events, fields.active, fields.description],
  );
  return toWebhook(rows[0]);
}

export async function updateWebhookSecret(db: Queryable, id: number, secret: string): Promise<void> {
  await db.query(`UPDATE webhooks SET secret = $2, updated_at = now() WHERE id = $1`, [id, secret]);
}

export async function deleteWebhookRow(db: Queryable, id: number): Promise<void> {
  await db.query(`DELETE FROM webhooks WHERE id = $1`, [id]);
}

export interface FanOut {
  events: { id: number; type: string }[];
  allEvents: string;
  task: string;
  jobKeyPrefix: string;
  maxAttempts: number;
}

/**
 * One delivery per event and active webhook subscribed to it, each with its job, in a single
 * statement so that both exist or neither does. A delivery that already exists is skipped with its
 * job: running this twice for the same events changes nothing.
 */
export async function insertDeliveriesForEvents(db: Queryable, f: FanOut): Promise<void> {
  if (f.events.length === 0) return;
  await db.query(
    `WITH created AS (
       INSERT INTO webhook_deliveries (webhook_id, event_id, event_type)
       SELECT w.id, e.id, e.type
         FROM unnest($1::bigint[], $2::text[]) WITH ORDINALITY AS e(id, type, n)
         JOIN webhooks w ON w.active AND (e.type = ANY(w.events) OR $3 = ANY(w.events))
        ORDER BY e.n, w.id
       ON CONFLICT (webhook_id, event_id) DO NOTHING
       RETURNING id
     )
     SELECT created.id FROM created
     CROSS JOIN LATERAL graphile_worker.add_job($4, json_build_object('deliveryId', created.id),
       max_attempts => $5, job_key => $6 || created.id) AS job`,
    [f.events.map((e) => e.id), f.events.map((e) => e.type), f.allEvents, f.task, f.maxAttempts, f.jobKeyPrefix],
  );
}

export async function insertDelivery(db: Queryable, d: { webhookId: number; eventId: number; eventType: string }): Promise<WebhookDelivery> {
  const { rows } = await db.query(
    `INSERT INTO webhook_deliveries (webhook_id, event_id, event_type) VALUES ($1, $2, $3) RETURNING ${DELIVERY_COLUMNS}`,
    [d.webhookId, d.eventId, d.eventType],
  );
  return toDelivery(rows[0]);
}

/** Newest first; `limit + 1` rows for pageOf. */
export async function selectDeliveries(
  db: Queryable,
  filter: { webhookId: number; status: DeliveryStatus | undefined; beforeId: number | null; limit: number },
): Promise<WebhookDelivery[]> {
  const { rows } = await db.query(
    `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries
      WHERE webhook_id = $1 AND ($2::text IS NULL OR status = $2) AND ($3::bigint IS NULL OR id < $3)
      ORDER BY id DESC LIMIT $4`,
    [filter.webhookId, filter.status ?? null, filter.beforeId, filter.limit + 1],
  );
  return rows.map(toDelivery);
}

/** Back to pending for another round of attempts; the attempt count keeps growing across rounds. */
export async function reopenDelivery(db: Queryable, webhookId: number, deliveryId: number): Promise<WebhookDelivery | null> {
  const { rows } = await db.query(
    `UPDATE webhook_deliveries SET status = 'pending', delivered_at = NULL WHERE id = $1 AND webhook_id = $2 RETURNING ${DELIVERY_COLUMNS}`,
    [deliveryId, webhookId],
  );
  return rows[0] ? toDelivery(rows[0]) : null;
}

export interface DeliveryTarget {
  status: DeliveryStatus;
  eventId: number;
  url: string;
  secret: string;
  active: boolean;
}

export async function selectDeliveryTarget(db: Queryable, deliveryId: number): Promise<DeliveryTarget | null> {
  const { rows } = await db.query(
    `SELECT d.status, d.event_id, w.url, w.secret, w.active
       FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
      WHERE d.id = $1`,
    [deliveryId],
  );
  const r = rows[0];
  return r ? { status: r.status, eventId: r.event_id, url: r.url, secret: r.secret, active: r.active } : null;
}

export async function recordDeliveryAttempt(
  db: Queryable,
  deliveryId: number,
  attempt: { status: DeliveryStatus; responseStatus: number | null; error: string | null },
): Promise<void> {
  await db.query(
    `UPDATE webhook_deliveries
        SET attempts = attempts + 1, last_attempt_at = now(), status = $2, response_status = $3, last_error = $4,
            delivered_at = CASE WHEN $2 = 'succeeded' THEN now() END
      WHERE id = $1`,
    [deliveryId, attempt.status, attempt.responseStatus, attempt.error],
  );
}

/** Gives up on a delivery without sending it. */
export async function abandonDelivery(db: Queryable, deliveryId: number, reason: string): Promise<void> {
  await db.query(`UPDATE webhook_deliveries SET status = 'failed', last_error = $2 WHERE id = $1 AND status = 'pending'`, [deliveryId, reason]);
}
