import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/pool.ts';
import { AppError } from '../errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyKey: string | null;
  }
}

// A stored answer is replayed for a day; a reservation left by a crashed request frees up after a minute.
const KEEP_HOURS = 24;
const STALE_RESERVATION_SECONDS = 60;

/**
 * `Idempotency-Key` on an authenticated POST: the first request runs and its response is stored;
 * a retry with the same key and body gets the stored response; the same key with another body is refused.
 */
export function installIdempotency(app: FastifyInstance, db: Db): void {
  app.decorateRequest('idempotencyKey', null);

  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || typeof key !== 'string' || !request.actor?.userId) return;
    if (key.length > 200) throw new AppError('validation', 'Idempotency-Key must be at most 200 characters', 'Idempotency-Key');
    const userId = request.actor.userId;
    const hash = createHash('sha256').update(`${request.url}\n${JSON.stringify(request.body ?? null)}`).digest('hex');
    const reserved = await db.query(
      `INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, created_at = now(), response = NULL, status_code = NULL
         WHERE idempotency_keys.created_at < now() - make_interval(hours => $4)
            OR (idempotency_keys.status_code IS NULL AND idempotency_keys.created_at < now() - make_interval(secs => $5))
       RETURNING 1`,
      [userId, key, hash, KEEP_HOURS, STALE_RESERVATION_SECONDS],
    );
    if (reserved.rowCount === 1) {
      request.idempotencyKey = key;
      return;
    }
    const { rows } = await db.query(`SELECT request_hash, status_code, response FROM idempotency_keys WHERE user_id = $1 AND key = $2`, [userId, key]);
    const stored = rows[0];
    if (!stored) return;
    if (stored.request_hash !== hash) {
      throw new AppError('conflict', 'this Idempotency-Key was used for a different request', 'Idempotency-Key');
    }
    if (stored.status_code === null) throw new AppError('conflict', 'a request with this Idempotency-Key is still in progress', 'Idempotency-Key');
    reply.header('idempotent-replayed', 'true');
    return reply.status(stored.status_code).send(stored.response);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const key = request.idempotencyKey;
    const userId = request.actor?.userId;
    if (!key || !userId) return payload;
    if (reply.statusCode >= 500 || typeof payload !== 'string') {
      // Not a final answer: free the key so a retry runs again.
      await db.query(`DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2`, [userId, key]);
    } else {
      await db.query(`UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE user_id = $1 AND key = $2`, [userId, key, reply.statusCode, payload]);
    }
    return payload;
  });
}
