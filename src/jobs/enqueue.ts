import type { Queryable } from '../db/pool.ts';

export interface EnqueueOptions {
  runAt?: Date;
  maxAttempts?: number;
  /** Jobs with the same key replace each other while pending: a deterministic key means "at most one". */
  jobKey?: string;
  queueName?: string;
}

/** Adds a job in the caller's transaction (graphile-worker's SQL API), so it exists only if the change commits. */
export async function enqueue(tx: Queryable, task: string, payload: Record<string, unknown>, options: EnqueueOptions = {}): Promise<void> {
  await tx.query(
    `SELECT graphile_worker.add_job($1, $2::json, queue_name => $3, run_at => $4, max_attempts => $5, job_key => $6)`,
    [task, JSON.stringify(payload), options.queueName ?? null, options.runAt ?? null, options.maxAttempts ?? 25, options.jobKey ?? null],
  );
}
