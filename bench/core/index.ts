/**
 * The core benchmark: a seeded workspace (100,000 tickets, 500,000 messages, 50,000 customers), the
 * real app in a child process, and autocannon over loopback. Prints the fixed metric lines on stdout
 * and progress on stderr.
 */
import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { benchDatabase } from '../bench-database.ts';
import { processMemoryMb } from '../bench-server.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createPool } from '../../src/db/pool.ts';
import { installJobQueue } from '../../src/jobs/worker.ts';
import { seed } from './seed.ts';
import { BASELINE_PATH } from './baseline.ts';
import { PRODUCTS, PROBLEMS, SEARCH_QUERIES } from './vocabulary.ts';
import { metric, progress } from '../report.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Seconds per measured phase; short enough that the whole bench stays within a few minutes after seeding. */
const PHASE_SECONDS = Number(process.env.BENCH_PHASE_SECONDS ?? 15);
const WRITE_CONNECTIONS = 10;
const READ_CONNECTIONS = 4;

/** Waits until no job is due, and answers how long that took. */
async function drainJobs(url: string): Promise<number> {
  const started = Date.now();
  const db = createPool(url, 1);
  try {
    for (;;) {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE attempts < max_attempts AND run_at <= now()`);
      if (rows[0].n === 0 || Date.now() - started > 300_000) return (Date.now() - started) / 1000;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await db.end();
  }
}

interface Server {
  url: string;
  child: ChildProcess;
  request<T>(message: string, answerKey: string): Promise<T>;
  stop(): Promise<void>;
}

async function startServer(databaseUrl: string): Promise<Server> {
  const child = fork(path.join(here, 'server.ts'), [], {
    // As `npm start` runs it. A small young generation keeps an idle server's memory about 60 MB lower.
    // Letting the old generation grow by half between full collections, not by V8's up to fourfold,
    // keeps a busy one's under about 210 MB: creating tickets, it climbed to 270–320 MB of garbage
    // before each full collection, for no gain in speed.
    execArgv: ['--max-semi-space-size=4', '--heap-growing-percent=50', '--import', 'tsx'],
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code} before listening`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    request: <T>(message: string, answerKey: string) =>
      new Promise<T>((resolve) => {
        const onMessage = (m: Record<string, unknown>) => {
          if (!(answerKey in m)) return;
          child.off('message', onMessage);
          resolve(m[answerKey] as T);
        };
        child.on('message', onMessage);
        child.send(message);
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send('stop');
      }),
  };
}

type Load = { path: string; method?: 'GET' | 'POST'; body?: () => string; paths?: () => string; connections: number; seconds: number };

async function load(server: Server, token: string | null, spec: Load): Promise<autocannon.Result> {
  const result = await autocannon({
    url: server.url,
    connections: spec.connections,
    duration: spec.seconds,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    requests: [
      {
        method: spec.method ?? 'GET',
        path: spec.path,
        setupRequest: (request) => ({ ...request, ...(spec.paths ? { path: spec.paths() } : {}), ...(spec.body ? { body: spec.body() } : {}) }),
      },
    ],
  });
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0) progress(`${spec.path}: ${failed} of ${result.requests.total} requests failed (non-2xx ${result.non2xx}, errors ${result.errors})`);
  if (result.requests.total === 0 || failed > result.requests.total / 100) throw new Error(`${spec.path}: too many failed requests`);
  return result;
}

export async function run(): Promise<void> {
  const started = Date.now();
  const database = await benchDatabase('core');
  let server: Server | null = null;
  try {
    const db = createPool(database.url, 4);
    await migrate(db);
    await installJobQueue(db);
    const { agentToken, agentId } = await seed(db, progress);
    const existingEmails = (await db.query(`SELECT value FROM customer_identities WHERE kind = 'email' ORDER BY random() LIMIT 2000`)).rows.map(
      (r) => r.value as string,
    );
    const viewIds = (await db.query(`SELECT id FROM views WHERE owner_id IS NULL ORDER BY position`)).rows.map((r) => r.id as number);
    const ticketIds = (await db.query(`SELECT id FROM tickets ORDER BY random() LIMIT 200`)).rows.map((r) => r.id as number);
    await db.end();
    progress(`seeded in ${((Date.now() - started) / 1000).toFixed(0)} s; agent ${agentId} makes the requests`);

    server = await startServer(database.url);
    let n = 0;
    const ticketBody = () => {
      n++;
      const [subject, message] = PROBLEMS[n % PROBLEMS.length] as [string, string];
      const product = PRODUCTS[n % PRODUCTS.length] as string;
      // Seven in ten from customers already known, the rest new: both paths of requester resolution.
      const email = n % 10 < 7 ? existingEmails[n % existingEmails.length] : `bench-new-${process.pid}-${n}@example.com`;
      return JSON.stringify({
        subject: subject.replace('{p}', product),
        requester: { email, name: 'Bench Customer' },
        message: { body: `Hello, ${message.replace('{p}', product)} Order #${100000 + n}.` },
        channel: 'email',
      });
    };
    const baselineBody = () => JSON.stringify({ payload: `payload ${++n}` });
    const searchPaths = SEARCH_QUERIES.map((q) => `/api/v1/search?q=${encodeURIComponent(q)}`)
      .concat(SEARCH_QUERIES.slice(0, 4).map((q) => `/api/v1/search?type=tickets&status=open&q=${encodeURIComponent(q)}`))
      .concat(ticketIds.slice(0, 4).map((id) => `/api/v1/search?q=%23${id}`))
      .concat(['Jonh Smiht', 'patricia.garcai', 'Hernandes'].map((q) => `/api/v1/search?type=customers&q=${encodeURIComponent(q)}`));
    const viewPaths = viewIds.map((id) => `/api/v1/views/${id}/tickets`);
    const rotate = (paths: string[]) => {
      let i = 0;
      return () => paths[i++ % paths.length] as string;
    };

    progress('warming up');
    await load(server, agentToken, { path: '/api/v1/tickets', method: 'POST', body: ticketBody, connections: WRITE_CONNECTIONS, seconds: 3 });
    await load(server, agentToken, { path: '/api/v1/search', paths: rotate(searchPaths), connections: READ_CONNECTIONS, seconds: 3 });

    progress('ticket creation');
    const tickets = await load(server, agentToken, { path: '/api/v1/tickets', method: 'POST', body: ticketBody, connections: WRITE_CONNECTIONS, seconds: PHASE_SECONDS });
    // The jobs those tickets caused (event dispatch to every subscriber) run in the same process;
    // let them finish so that they neither slow the phases after nor go unreported.
    const drainSeconds = await drainJobs(database.url);
    progress(`job queue drained in ${drainSeconds.toFixed(1)} s`);
    progress('baseline single INSERT');
    const baseline = await load(server, null, { path: BASELINE_PATH, method: 'POST', body: baselineBody, connections: WRITE_CONNECTIONS, seconds: PHASE_SECONDS });
    progress('search');
    const search = await load(server, agentToken, { path: '/api/v1/search', paths: rotate(searchPaths), connections: READ_CONNECTIONS, seconds: PHASE_SECONDS });
    progress('views');
    const views = await load(server, agentToken, { path: '/api/v1/views', paths: rotate(viewPaths), connections: READ_CONNECTIONS, seconds: PHASE_SECONDS });
    const rss = await processMemoryMb(server.child.pid as number);

    metric('ticket_create_per_s', Math.round(tickets.requests.average));
    metric('ticket_create_p99_ms', tickets.latency.p99);
    metric('baseline_insert_per_s', Math.round(baseline.requests.average));
    metric('baseline_insert_p99_ms', baseline.latency.p99);
    metric('ticket_create_ratio', tickets.requests.average / baseline.requests.average);
    metric('ticket_jobs_drain_s', drainSeconds);
    metric('search_per_s', Math.round(search.requests.average));
    metric('search_p50_ms', search.latency.p50);
    metric('search_p99_ms', search.latency.p99);
    metric('view_per_s', Math.round(views.requests.average));
    metric('view_p50_ms', views.latency.p50);
    metric('view_p99_ms', views.latency.p99);
    metric('rss_mb', Math.round(rss.now));
    metric('rss_peak_mb', Math.round(rss.peak));

    // Where a created ticket's time goes, query by query, from a short traced run.
    server.child.send('trace-on');
    const traced = await load(server, agentToken, { path: '/api/v1/tickets', method: 'POST', body: ticketBody, connections: WRITE_CONNECTIONS, seconds: 5 });
    server.child.send('trace-off');
    const stats = await server.request<{ text: string; calls: number; ms: number }[]>('query-stats', 'queryStats');
    const created = traced.requests.total;
    progress(`SQL per created ticket (${created} tickets, traced):`);
    for (const s of stats.sort((a, b) => b.ms - a.ms).slice(0, 15)) {
      progress(`${(s.ms / created).toFixed(2).padStart(7)} ms ${(s.calls / created).toFixed(2).padStart(5)}x  ${s.text}`);
    }
    progress(`bench took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await server?.stop();
    await database.drop();
  }
}
