import type { Runner } from 'graphile-worker';
import pino from 'pino';
import { startEmailChannel } from './channels/email/index.ts';
import type { Config } from './config.ts';
import { startEmbeddedPostgres } from './db/embedded.ts';
import { migrate } from './db/migrate.ts';
import { createPool, type Db } from './db/pool.ts';
import { installJobQueue, startWorker } from './jobs/worker.ts';
import { type App, buildApp, LOG_REDACT } from './platform/http/app.ts';
import { routes, tasks } from './routes.ts';

export interface Tend {
  app: App;
  db: Db;
  url: string;
  stop(): Promise<void>;
}

/** Channels that bring messages in other than over HTTP (SMTP, IMAP): started once the app listens; each answers its stop. */
const channelStarters: ((deps: { db: Db; config: Config; log: pino.Logger }) => Promise<() => Promise<void>>)[] = [startEmailChannel];

export interface StartOptions {
  /** Run the job worker in this process (default true). */
  worker?: boolean;
  onDatabaseReady?: (db: Db) => Promise<void>;
}

/** Brings a Tend process up: database (embedded when no DATABASE_URL), migrations, jobs, HTTP. */
export async function startTend(config: Config, options: StartOptions = {}): Promise<Tend> {
  const log = pino({ level: config.logLevel, redact: LOG_REDACT });
  const embedded = config.databaseUrl
    ? null
    : await startEmbeddedPostgres({ dir: `${config.dataDir}/pg`, port: config.embeddedPgPort, database: 'tend' });
  const db = createPool(config.databaseUrl ?? (embedded?.url as string), 20);
  const stops: (() => Promise<unknown>)[] = [];
  try {
    await migrate(db);
    await installJobQueue(db);
    await options.onDatabaseReady?.(db);
    let worker: Runner | null = null;
    if (options.worker !== false) worker = await startWorker(db, tasks, log);
    if (worker) stops.push(() => worker.stop());
    const app = await buildApp({ db, config }, routes, { level: config.logLevel });
    stops.unshift(() => app.close());
    await app.listen({ port: config.port, host: config.host });
    for (const start of channelStarters) stops.unshift(await start({ db, config, log }));
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    return {
      app,
      db,
      url: `http://${['0.0.0.0', '::'].includes(config.host) ? 'localhost' : config.host}:${port}`,
      async stop() {
        for (const stop of stops) await stop().catch(() => {});
        await db.end();
        await embedded?.stop();
      },
    };
  } catch (error) {
    for (const stop of stops) await stop().catch(() => {});
    await db.end().catch(() => {});
    await embedded?.stop().catch(() => {});
    throw error;
  }
}
