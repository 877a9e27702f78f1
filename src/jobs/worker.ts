import { Logger, run, runMigrations, type Runner, type TaskList } from 'graphile-worker';
import type { Logger as Pino } from 'pino';
import type { Db } from '../db/pool.ts';

/** graphile-worker keeps its own schema; installing it up front lets the app enqueue before the worker starts. */
export async function installJobQueue(db: Db): Promise<void> {
  await runMigrations({ pgPool: db, logger: silentLogger });
}

export async function startWorker(db: Db, tasks: TaskList, log: Pino, concurrency = 4): Promise<Runner> {
  const logger = new Logger((scope) => (level, message, meta) => {
    const line = { ...scope, ...meta };
    if (level === 'error') log.error(line, message);
    else if (level === 'warning') log.warn(line, message);
    else log.debug(line, message);
  });
  // Fetching a few jobs per query and deleting finished ones together (in the same tick) spares the
  // database two statements and a WAL flush per job; every task is idempotent, so the one risk
  // (a crash rerunning a finished job) costs nothing.
  const preset = { worker: { localQueue: { size: concurrency + 1 }, completeJobBatchDelay: 0, failJobBatchDelay: 0 } };
  return run({ pgPool: db, taskList: tasks, concurrency, noHandleSignals: true, pollInterval: 1000, logger, preset });
}

const silentLogger = new Logger(() => () => {});
