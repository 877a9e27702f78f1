/**
 * The Tend app as it runs in production (migrations, job worker, every route), plus one bench-only
 * route: a single INSERT, the baseline that ticket creation is compared with. Runs as a child of the
 * bench so that its memory is measured alone. Between `trace-on` and `trace-off` messages it times
 * every SQL statement, and answers `query-stats` with the totals.
 */
import pg from 'pg';
import pino from 'pino';
import { loadConfig } from '../../src/config.ts';
import { createPool } from '../../src/db/pool.ts';
import { migrate } from '../../src/db/migrate.ts';
import { installJobQueue, startWorker } from '../../src/jobs/worker.ts';
import { buildApp } from '../../src/platform/http/app.ts';
import { routes, tasks } from '../../src/routes.ts';
import { baselineRoute } from './baseline.ts';

interface QueryStat {
  calls: number;
  ms: number;
}
const stats = new Map<string, QueryStat>();
let tracing = false;

function traceQueries(): void {
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function traced(this: pg.Client, ...args: unknown[]) {
    if (!tracing) return original.apply(this, args);
    const config = args[0] as string | { text?: string };
    const text = (typeof config === 'string' ? config : (config?.text ?? '?')).replace(/\s+/g, ' ').trim().slice(0, 140);
    const started = process.hrtime.bigint();
    const record = () => {
      const stat = stats.get(text) ?? { calls: 0, ms: 0 };
      stat.calls++;
      stat.ms += Number(process.hrtime.bigint() - started) / 1e6;
      stats.set(text, stat);
    };
    const result = original.apply(this, args);
    if (result instanceof Promise) return result.finally(record);
    return result;
  } as typeof pg.Client.prototype.query;
}

traceQueries();
const config = { ...loadConfig(), logLevel: process.env.LOG_LEVEL ?? 'warn' };
const db = createPool(config.databaseUrl as string, 20);
await migrate(db);
await installJobQueue(db);
const worker = await startWorker(db, tasks, pino({ level: config.logLevel }));
const app = await buildApp({ db, config }, [...routes, baselineRoute], { level: config.logLevel });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });

process.on('message', (message: string) => {
  if (message === 'trace-on') {
    stats.clear();
    tracing = true;
  }
  if (message === 'trace-off') tracing = false;
  if (message === 'query-stats') process.send?.({ queryStats: [...stats.entries()].map(([text, s]) => ({ text, ...s })) });
  if (message === 'stop') {
    void (async () => {
      await app.close();
      await worker.stop();
      await db.end();
      process.exit(0);
    })();
  }
});
