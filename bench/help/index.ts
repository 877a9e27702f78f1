/**
 * The help center benchmark: 10,000 published articles (3,334 in each of English, German and
 * French, 150 to 1,200 words), the real app in a child process, 50 concurrent clients over
 * loopback. Search (typo-corrected queries included) and server-rendered article pages are
 * compared with a static file served by the same server in the same run. Article pages are
 * measured once every article has been read (the help center keeps rendered pages in memory);
 * that first reading of all of them is reported too (article_page_first_view_per_s).
 */
import { fork } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { migrate } from '../../src/db/migrate.ts';
import { createPool } from '../../src/db/pool.ts';
import { installJobQueue } from '../../src/jobs/worker.ts';
import { benchDatabase } from '../bench-database.ts';
import { seedHelpCenter } from './seed.ts';
import { STATIC_PATH } from './static-path.ts';
import { metric, progress } from '../report.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

const PHASE_SECONDS = Number(process.env.BENCH_PHASE_SECONDS ?? 15);
const CONNECTIONS = 50;
const GROUPS = 3334;

/** `paths` in turn for `seconds`, or once each when `seconds` is 'each-once'. */
async function load(url: string, name: string, paths: string[], seconds: number | 'each-once'): Promise<autocannon.Result> {
  let i = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    ...(seconds === 'each-once' ? { amount: paths.length } : { duration: seconds }),
    requests: [{ method: 'GET', path: paths[0], setupRequest: (request) => ({ ...request, path: paths[i++ % paths.length] as string }) }],
  });
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0) progress(`${name}: ${failed} of ${result.requests.total} requests failed`);
  if (result.requests.total === 0 || failed > result.requests.total / 100) throw new Error(`${name}: too many failed requests`);
  return result;
}

export async function run(): Promise<void> {
  const started = Date.now();
  const database = await benchDatabase('help');
  const staticDir = await mkdtemp(path.join(os.tmpdir(), 'tend-bench-help-'));
  const child = { current: null as ReturnType<typeof fork> | null };
  try {
    const db = createPool(database.url, 4);
    await migrate(db);
    await installJobQueue(db);
    const { articles, queries } = await seedHelpCenter(db, GROUPS, progress);
    await db.end();
    progress(`seeded in ${((Date.now() - started) / 1000).toFixed(0)} s`);

    // Our server needs the page it will serve as static: a real rendered article, saved to disk first.
    await writeFile(path.join(staticDir, 'article.html'), '');
    const server = fork(path.join(here, 'server.ts'), [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, DATABASE_URL: database.url, BENCH_STATIC_DIR: staticDir },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.current = server;
    const port = await new Promise<number>((resolve, reject) => {
      server.once('message', (m: { port: number }) => resolve(m.port));
      server.once('exit', (code) => reject(new Error(`bench server exited with ${code} before listening`)));
    });
    const url = `http://127.0.0.1:${port}`;
    const articlePaths = articles.map((a) => `/help/${a.locale}/articles/${a.id}-${a.slug}`);
    const sample = await fetch(url + (articlePaths[0] as string));
    await writeFile(path.join(staticDir, 'article.html'), await sample.text());
    const searchPaths = Object.entries(queries).flatMap(([locale, qs]) => qs.map((q) => `/help/${locale}/search?q=${encodeURIComponent(q)}`));

    // Pages are rendered once and then served from memory: every article is read once first, as a
    // crawler would, and that first reading (rendering included) is reported on its own.
    progress('warming up');
    await load(url, 'search', searchPaths, 3);
    const firstViews = await load(url, 'article', articlePaths, 'each-once');
    progress('search');
    const search = await load(url, 'search', searchPaths, PHASE_SECONDS);
    progress('article pages');
    const page = await load(url, 'article', articlePaths, PHASE_SECONDS);
    progress('static file');
    const file = await load(url, 'static', [STATIC_PATH], PHASE_SECONDS);

    metric('help_search_per_s', Math.round(search.requests.average));
    metric('help_search_p50_ms', search.latency.p50);
    metric('help_search_p99_ms', search.latency.p99);
    metric('article_page_first_view_per_s', Math.round(firstViews.requests.total / (firstViews.duration || 1)));
    metric('article_page_per_s', Math.round(page.requests.average));
    metric('article_page_p99_ms', page.latency.p99);
    metric('static_file_per_s', Math.round(file.requests.average));
    // What the machine allows at all: search latency is judged against this.
    metric('static_file_p99_ms', file.latency.p99);
    metric('article_page_ratio', page.requests.average / file.requests.average);
    progress(`bench took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    const server = child.current;
    if (server && server.exitCode === null) {
      await new Promise<void>((resolve) => {
        server.once('exit', () => resolve());
        server.send('stop');
      });
    }
    await database.drop();
    await rm(staticDir, { recursive: true, force: true });
  }
}
