import { Logger, run, runMigrations, type Runner, type TaskList } from 'graphile-worker';
import type { Logger as Pino } from 'pino';
import { type Db, withTransaction } from '../db/pool.ts';

/** graphile-worker keeps its own schema; installing it up front lets the app enqueue before the worker starts. */
export async function installJobQueue(db: Db): Promise<void> {
  await runMigrations({ pgPool: db, logger: silentLogger });
  await planEnqueueingOnce(db);
}

/**
 * graphile-worker's add_job and add_jobs, a sixth of Postgres's time filing a mail (bench/email),
 * planned their statements anew on every call (custom plans, for their array argument). Their generic
 * plans, made once per connection, take a third of the time (0.16 ms, then 0.05), and an
 * event-with-its-job transaction runs 1.5 times as fast (pgbench).
 *
 * But a generic plan is costed on the jobs table as it is when the connection first enqueues: while
 * few jobs wait, scanning them all to find a job key's row looks cheapest, and the connection keeps
 * that plan as the jobs pile up (graphile-worker's own default does the same after five calls). Each
 * enqueue then read every waiting job: 0.45 ms with 5,000 waiting, 2 ms with 20,000, and the more
 * the worker falls behind, the slower everything that enqueues got. With sequential and plain index
 * scans off, the only plan left looks each job key and task up in its index, whatever the table's
 * size: 0.3 ms with none waiting or 20,000.
 *
 * Set at every start, since an upgrade of graphile-worker replaces the functions; under a lock, since
 * two processes may start together.
 */
const ENQUEUE_SETTINGS = { plan_cache_mode: 'force_generic_plan', enable_seqscan: 'off', enable_indexscan: 'off' };

async function planEnqueueingOnce(db: Db): Promise<void> {
  const settings = Object.entries(ENQUEUE_SETTINGS);
  await withTransaction(db, async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('tend:plan-enqueueing-once'))`);
    const { rows } = await tx.query<{ fn: string }>(
      `SELECT oid::regprocedure::text AS fn FROM pg_proc
        WHERE pronamespace = 'graphile_worker'::regnamespace AND proname IN ('add_job', 'add_jobs') AND NOT coalesce(proconfig, '{}') @> $1::text[]`,
      [settings.map(([name, value]) => `${name}=${value}`)],
    );
    for (const { fn } of rows) for (const [name, value] of settings) await tx.query(`ALTER FUNCTION ${fn} SET ${name} = ${value}`);
  });
}

export async function startWorker(db: Db, tasks: TaskList, log: Pino, concurrency = 4): Promise<Runner> {
  const logger = new Logger((scope) => (level, message, meta) => {
    const line = { ...scope, ...meta };
    if (level === 'error' && !lostTheDatabase(meta)) log.error(line, message);
    else if (level === 'error' || level === 'warning') log.warn(line, message);
    else log.debug(line, message);
  });
  // Fetching a few jobs per query and deleting finished ones together (in the same tick) spares the
  // database two statements and a WAL flush per job; every task is idempotent, so the one risk
  // (a crash rerunning a finished job) costs nothing.
  const preset = { worker: { localQueue: { size: concurrency + 1 }, completeJobBatchDelay: 0, failJobBatchDelay: 0 } };
  return run({ pgPool: db, taskList: tasks, concurrency, noHandleSignals: true, pollInterval: 1000, logger, preset });
}

const silentLogger = new Logger(() => () => {});

/**
 * The worker lost its connection to Postgres: the database shutting down (a Ctrl-C in the terminal
 * reaches the embedded one at the same moment as Tend; an external one restarts) or the network
 * between them. The worker connects again by itself, and /healthz reports a database that stays
 * away; worth a warning, not an error.
 */
const CONNECTION_LOST = new Set(['57P01', '57P02', '57P03', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE']);
function lostTheDatabase(meta: unknown): boolean {
  return connectionLost((meta as { error?: unknown } | undefined)?.error);
}

/** The error, or one it wraps (a shutdown's AggregateError, a cause), is a lost connection. */
function connectionLost(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 3) return false;
  const code = (error as { code?: unknown }).code;
  // pg's and Postgres's own words for a connection that has gone, also where an error quotes them without the code.
  if ((typeof code === 'string' && CONNECTION_LOST.has(code)) || /Connection terminated|is not queryable|terminating connection due to administrator command/.test(error.message)) return true;
  const wrapped = [...(error instanceof AggregateError ? error.errors : []), (error as { cause?: unknown }).cause];
  return wrapped.some((inner) => connectionLost(inner, depth + 1));
}
