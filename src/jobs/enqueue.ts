import type { Queryable } from '../db/pool.ts';

export interface EnqueueOptions {
  runAt?: Date;
  maxAttempts?: number;
  /** Jobs with the same key replace each other while pending: a deterministic key means "at most one". */
  jobKey?: string;
  queueName?: string;
  /** Lower runs first among due jobs (graphile-worker's default is 0). */
  priority?: number;
}

/**
 * Adds a job in the caller's transaction, so it exists only if the change commits. Through
 * `enqueue_job` (migration 068), which keeps a keyed job graphile-worker's add_job can drop.
 */
export async function enqueue(tx: Queryable, task: string, payload: Record<string, unknown>, options: EnqueueOptions = {}): Promise<void> {
  await tx.query(`SELECT enqueue_job($1, $2::json, queue_name => $3, run_at => $4, max_attempts => $5, job_key => $6, priority => $7)`, [
    task,
    JSON.stringify(payload),
    options.queueName ?? null,
    options.runAt ?? null,
    options.maxAttempts ?? 25,
    options.jobKey ?? null,
    options.priority ?? null,
  ]);
}

/** Removes the pending job with this key; one already running finishes. */
export async function removeJob(db: Queryable, jobKey: string): Promise<void> {
  await db.query(`SELECT graphile_worker.remove_job($1)`, [jobKey]);
}
