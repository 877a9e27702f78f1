/**
 * `npm run bench -- web`: what an agent feels. Cold load of the built app to a usable ticket list
 * in Chromium, and realtime fan-out latency from an API write to 200 WebSocket clients spread over
 * two Tend processes, against a bare `ws` broadcast in one process measured in the same run.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import WebSocket, { WebSocketServer } from 'ws';
import { hashPassword } from '../../src/auth/index.ts';
import { benchDatabase } from '../bench-database.ts';
import { type ServerProcess, startServerProcess, stopServerProcess } from '../bench-server.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createPool } from '../../src/db/pool.ts';
import { installJobQueue } from '../../src/jobs/worker.ts';
import { WEB_DIST } from '../../src/web-app/index.ts';
import { metric, percentile } from '../report.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const CLIENTS = 200;
const WRITES = 40;
const LOADS = 5;
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];


/** Initial JS: the scripts index.html loads, gzipped as a server would send them. */
async function initialJsGzipKb(dist: string): Promise<number> {
  const html = await readFile(path.join(dist, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
  let bytes = 0;
  for (const script of scripts) bytes += gzipSync(await readFile(path.join(dist, script))).length;
  return bytes / 1024;
}

async function signIn(url: string): Promise<{ cookie: string; csrf: string; userId: number }> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bench@web.example', password: 'bench-web-pw' }) });
  const { csrfToken, user } = (await res.json()) as { csrfToken: string; user: { id: number } };
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] as string, csrf: csrfToken, userId: user.id };
}

async function api(url: string, session: { cookie: string; csrf: string }, method: string, pathname: string, body: unknown) {
  const res = await fetch(`${url}/api/v1${pathname}`, { method, headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${pathname}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<any>;
}

async function interactiveMs(url: string, session: { cookie: string; csrf: string }): Promise<number> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const times: number[] = [];
  try {
    for (let i = 0; i < LOADS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const [name, value] = session.cookie.split('=') as [string, string];
      await context.addCookies([{ name, value, url }]);
      await context.addInitScript((csrf) => localStorage.setItem('tend.csrf', csrf), session.csrf);
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(url);
      await page.locator('[data-ticket-id]').first().waitFor();
      times.push(performance.now() - started);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return percentile(times, 50);
}

function connect(url: string, cookie: string, onEvent: (message: any) => void): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/api/v1/realtime`, { headers: { cookie } });
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString());
      if (message.type === 'hello') resolve(ws);
      else onEvent(message);
    });
    ws.once('error', reject);
  });
}

/** Latency from before each write to each client's receipt of its event. */
async function measureFanout(write: (i: number) => Promise<void>, sockets: (onMessage: (m: any) => void) => Promise<WebSocket[]>, isMine: (m: any, i: number) => boolean): Promise<number[]> {
  let current = -1;
  let started = 0;
  let received = 0;
  let done: () => void = () => {};
  const samples: number[] = [];
  const clients = await sockets((m) => {
    if (!isMine(m, current)) return;
    samples.push(performance.now() - started);
    if (++received === CLIENTS) done();
  });
  for (let i = 0; i < WRITES; i++) {
    const all = new Promise<void>((resolve) => (done = resolve));
    current = i;
    received = 0;
    started = performance.now();
    await write(i);
    await all;
  }
  for (const ws of clients) ws.terminate();
  return samples.sort((a, b) => a - b);
}

export async function run(): Promise<void> {
  // The same build `npm start` serves.
  await build({ configFile: path.resolve(here, '../../web/vite.config.ts'), logLevel: 'silent' });
  const dist = WEB_DIST;
  metric('app_js_gzip_kb', await initialJsGzipKb(dist));

  const db = await benchDatabase('web');
  const servers: ServerProcess[] = [];
  try {
    const pool = createPool(db.url, 2);
    await migrate(pool);
    await installJobQueue(pool);
    await pool.query(`INSERT INTO users (email, name, role_id, password_hash) SELECT 'bench@web.example', 'Bench Agent', id, $1 FROM roles WHERE key = 'admin'`, [await hashPassword('bench-web-pw')]);
    await pool.end();
    const script = path.join(here, 'server.ts');
    servers.push(await startServerProcess(script, db.url), await startServerProcess(script, db.url));
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const session = await signIn(a.url);
    let ticketId = 0;
    // Assigned to the agent, so the landing view ("My open tickets") has a full page to show.
    for (let i = 0; i < 200; i++) {
      const created = await api(a.url, session, 'POST', '/tickets', { subject: `Bench ticket ${i}`, requester: { email: `customer${i}@bench.example`, name: `Customer ${i}` }, message: { body: 'Hello' }, assigneeId: session.userId });
      ticketId = created.ticket.id;
    }
    metric('app_interactive_ms', await interactiveMs(a.url, session));

    const priorities = ['low', 'normal', 'high', 'urgent'];
    const tend = await measureFanout(
      (i) => api(a.url, session, 'PATCH', `/tickets/${ticketId}`, { priority: priorities[i % 4], subject: `Bench ticket ${i}` }).then(() => {}),
      (onMessage) => Promise.all(Array.from({ length: CLIENTS }, (_, i) => connect(i % 2 ? a.url : b.url, session.cookie, onMessage))),
      (m, i) => m.type === 'event' && m.event === 'ticket.updated' && m.payload?.changes?.subject?.to === `Bench ticket ${i}`,
    );

    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((resolve) => wss.once('listening', resolve));
    const port = (wss.address() as { port: number }).port;
    const bare = await measureFanout(
      async (i) => {
        const raw = JSON.stringify({ type: 'event', id: i, event: 'ticket.updated', payload: { ticketId, n: i } });
        for (const client of wss.clients) client.send(raw);
      },
      (onMessage) =>
        Promise.all(
          Array.from(
            { length: CLIENTS },
            () =>
              new Promise<WebSocket>((resolve) => {
                const ws = new WebSocket(`ws://127.0.0.1:${port}`);
                ws.on('message', (data) => onMessage(JSON.parse(data.toString())));
                ws.once('open', () => resolve(ws));
              }),
          ),
        ),
      (m, i) => m.payload?.n === i,
    );
    wss.close();

    metric('fanout_p50_ms', percentile(tend, 50));
    metric('fanout_p99_ms', percentile(tend, 99));
    metric('fanout_bare_p99_ms', percentile(bare, 99));
    metric('fanout_ratio', percentile(tend, 99) / Math.max(percentile(bare, 99), 0.01));
  } finally {
    await Promise.all(servers.map(stopServerProcess));
    await db.drop();
  }
}
