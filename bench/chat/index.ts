/**
 * `npm run bench -- chat`: 1,000 widget visitors on loopback WebSockets chatting with agents. Each
 * exchange is timed from the visitor sending a message to the visitor's widget showing the agent's
 * answer: widget POST → agent's realtime socket → agent API reply → widget socket ring → widget
 * GET, as the widget does it. The same exchanges through a bare `ws` relay in one process are the
 * baseline. Also the widget bundle's gzip size and the Tend process's resident memory with every
 * socket open.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import WebSocket, { WebSocketServer } from 'ws';
import { hashPassword } from '../../src/auth/index.ts';
import { WIDGET_BUNDLE } from '../../src/channels/chat/widget.routes.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createPool } from '../../src/db/pool.ts';
import { installJobQueue } from '../../src/jobs/worker.ts';
import { benchDatabase } from '../bench-database.ts';
import { processMemoryMb, type ServerProcess, startServerProcess, stopServerProcess } from '../bench-server.ts';
import { metric, percentile, progress } from '../report.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const VISITORS = Number(process.env.BENCH_CHAT_VISITORS ?? 1000);
const AGENTS = 10;
/** Exchanges per visitor, and how many start per second across all visitors (a busy site: each visitor writes every ~25 s). */
const ROUNDS = Number(process.env.BENCH_CHAT_ROUNDS ?? 3);
const RATE = Number(process.env.BENCH_CHAT_RATE ?? 40);
const SETUP_CONCURRENCY = 20;
const PASSWORD = 'bench-chat-pw';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `work` over `items`, `limit` at a time. */
async function inParallel<T, R>(items: T[], limit: number, work: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i] as T, i);
      }
    }),
  );
  return results;
}

async function json<T>(res: Response, what: string): Promise<T> {
  if (!res.ok) throw new Error(`${what}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? null : await res.json()) as T;
}

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(url: string, email: string): Promise<Session> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  const { csrfToken } = await json<{ csrfToken: string }>(res, 'sign in');
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] as string, csrf: csrfToken };
}

const agentApi = (url: string, session: Session, pathname: string, body: unknown) =>
  fetch(`${url}/api/v1${pathname}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf }, body: JSON.stringify(body) });

const opened = (ws: WebSocket) => new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));

/** A visitor as the widget is one: a token, a socket that rings, and reads after the last message seen. */
class Visitor {
  lastId = 0;
  private waiting: { text: string; started: number; done: (ms: number) => void } | null = null;
  socket: WebSocket | null = null;
  ticketId = 0;
  constructor(
    private readonly base: string,
    private readonly token: string,
  ) {}

  private headers(json = false): Record<string, string> {
    return { 'x-visitor-token': this.token, ...(json ? { 'content-type': 'application/json' } : {}) };
  }

  async connect(): Promise<void> {
    this.socket = new WebSocket(`${this.base.replace('http', 'ws')}/socket?token=${encodeURIComponent(this.token)}`);
    this.socket.on('message', (data) => {
      const signal = JSON.parse(data.toString()) as { type: string; messages?: { id: number; body: string }[] };
      if (signal.type === 'message' && signal.messages) this.see(signal.messages);
    });
    await opened(this.socket);
  }

  private see(messages: { id: number; body: string }[]): void {
    for (const m of messages) {
      this.lastId = Math.max(this.lastId, m.id);
      if (this.waiting && m.body === this.waiting.text) {
        const { started, done } = this.waiting;
        this.waiting = null;
        done(performance.now() - started);
      }
    }
  }

  async send(body: string): Promise<{ id: number }> {
    return json<{ id: number }>(await fetch(`${this.base}/messages`, { method: 'POST', headers: this.headers(true), body: JSON.stringify({ body }) }), 'send');
  }

  /** Writes, and resolves with the time until the agent's answer shows. */
  exchange(n: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const started = performance.now();
      this.waiting = { text: `pong ${n}`, started, done: resolve };
      this.send(`ping ${n}`).catch(reject);
    });
  }
}

/** Agents answer each visitor message the moment their realtime socket shows it; each takes a share of the tickets. */
async function startAgents(url: string, sessions: Session[]): Promise<WebSocket[]> {
  return Promise.all(
    sessions.map(async (session, index) => {
      const ws = new WebSocket(`${url.replace('http', 'ws')}/api/v1/realtime`, { headers: { cookie: session.cookie } });
      ws.on('message', (data) => {
        const m = JSON.parse(data.toString()) as { type: string; event?: string; payload?: { ticketId: number; messageId: number; authorType: string; internal: boolean } };
        const p = m.payload;
        if (m.type !== 'event' || m.event !== 'message.created' || !p || p.authorType !== 'customer' || p.internal || p.ticketId % sessions.length !== index) return;
        answer(url, session, p.ticketId, p.messageId).catch((error: unknown) => progress(`agent reply failed: ${String(error)}`));
      });
      await opened(ws);
      return ws;
    }),
  );
}

/** The agent reads the new message (as the agent app does) and answers "pong N" to "ping N". */
async function answer(url: string, session: Session, ticketId: number, messageId: number): Promise<void> {
  const page = await json<{ data: { id: number; body: string }[] }>(await fetch(`${url}/api/v1/tickets/${ticketId}/messages?limit=100`, { headers: { cookie: session.cookie } }), 'agent read');
  const ping = page.data.find((m) => m.id === messageId)?.body.match(/^ping (\d+)$/);
  if (ping) await json(await agentApi(url, session, `/tickets/${ticketId}/messages`, { body: `pong ${ping[1]}` }), 'agent reply');
}

/** An exchange unanswered this long counts as lost, and at this time in the percentiles. */
const GIVE_UP_MS = 30_000;

/** Paces exchanges at RATE a second over all visitors, each visitor one exchange at a time (a later one waits its turn). */
async function runExchanges(visitors: { exchange(n: number): Promise<number> }[]): Promise<number[]> {
  const samples: number[] = [];
  let lost = 0;
  const bounded = (exchange: Promise<number>) =>
    Promise.race([exchange, sleep(GIVE_UP_MS).then(() => GIVE_UP_MS)]).then(
      (ms) => ms,
      () => GIVE_UP_MS,
    );
  const free = visitors.map((_, i) => i);
  let freed: () => void = () => {};
  const total = visitors.length * ROUNDS;
  const pending: Promise<void>[] = [];
  const start = performance.now();
  for (let k = 0; k < total; k++) {
    const wait = start + (k * 1000) / RATE - performance.now();
    if (wait > 0) await sleep(wait);
    while (free.length === 0) await new Promise<void>((resolve) => (freed = resolve));
    const i = free.shift() as number;
    pending.push(
      bounded((visitors[i] as { exchange(n: number): Promise<number> }).exchange(k)).then((ms) => {
        if (ms >= GIVE_UP_MS) lost++;
        samples.push(ms);
        free.push(i);
        freed();
      }),
    );
  }
  await Promise.all(pending);
  if (lost) progress(`${lost} of ${total} exchanges got no answer within ${GIVE_UP_MS / 1000} s`);
  return samples.sort((a, b) => a - b);
}

/** The baseline: the same exchanges through a bare relay — visitor socket → agent socket → visitor socket — in one process. */
async function bareExchanges(): Promise<number[]> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => wss.once('listening', resolve));
  const port = (wss.address() as { port: number }).port;
  const byId = new Map<string, WebSocket>();
  let agent: WebSocket | null = null;
  wss.on('connection', (socket, request) => {
    const id = new URL(request.url ?? '/', 'http://x').searchParams.get('id') ?? '';
    if (id === 'agent') agent = socket;
    else byId.set(id, socket);
    socket.on('message', (data) => {
      const m = JSON.parse(data.toString()) as { to?: string; from?: string; body: string };
      if (m.to) byId.get(m.to)?.send(JSON.stringify({ body: m.body }));
      else agent?.send(JSON.stringify({ from: id, body: m.body }));
    });
  });
  const agentSocket = new WebSocket(`ws://127.0.0.1:${port}/?id=agent`);
  await opened(agentSocket);
  agentSocket.on('message', (data) => {
    const m = JSON.parse(data.toString()) as { from: string; body: string };
    agentSocket.send(JSON.stringify({ to: m.from, body: m.body.replace('ping', 'pong') }));
  });
  const visitors = await inParallel(
    Array.from({ length: VISITORS }, (_, i) => i),
    50,
    async (i) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/?id=${i}`);
      await opened(ws);
      let waiting: { text: string; started: number; done: (ms: number) => void } | null = null;
      ws.on('message', (data) => {
        const m = JSON.parse(data.toString()) as { body: string };
        if (waiting && m.body === waiting.text) {
          waiting.done(performance.now() - waiting.started);
          waiting = null;
        }
      });
      return {
        ws,
        exchange: (n: number) =>
          new Promise<number>((resolve) => {
            waiting = { text: `pong ${n}`, started: performance.now(), done: resolve };
            ws.send(JSON.stringify({ body: `ping ${n}` }));
          }),
      };
    },
  );
  const samples = await runExchanges(visitors);
  for (const v of visitors) v.ws.terminate();
  agentSocket.terminate();
  wss.close();
  return samples;
}

export async function run(): Promise<void> {
  // The same bundle `npm start` serves.
  await build({ configFile: path.resolve(here, '../../widget/vite.config.ts'), logLevel: 'silent' });
  metric('widget_gzip_kb', gzipSync(await readFile(WIDGET_BUNDLE), { level: 9 }).length / 1024);

  const db = await benchDatabase('chat');
  let server: ServerProcess | null = null;
  const sockets: WebSocket[] = [];
  try {
    const pool = createPool(db.url, 2);
    await migrate(pool);
    await installJobQueue(pool);
    const hash = await hashPassword(PASSWORD);
    for (let i = 0; i < AGENTS; i++) {
      await pool.query(`INSERT INTO users (email, name, role_id, password_hash) SELECT $1, $2, id, $3 FROM roles WHERE key = 'admin'`, [`agent${i}@chat.bench`, `Agent ${i} Bench`, hash]);
    }
    await pool.end();
    // BENCH_CHAT_PROFILE=1 writes the server's CPU profile to /tmp/chatprof.
    server = await startServerProcess(path.join(here, 'server.ts'), db.url, process.env.BENCH_CHAT_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/chatprof'] : []);
    const { url } = server;
    const sessions = await Promise.all(Array.from({ length: AGENTS }, (_, i) => signIn(url, `agent${i}@chat.bench`)));
    const channel = await json<{ channel: { id: number } }>(await agentApi(url, sessions[0] as Session, '/chat/channels', { name: 'Bench chat', settings: { preChatForm: 'off' } }), 'chat channel');
    const base = `${url}/widget/channels/${channel.channel.id}`;

    progress(`${VISITORS} visitors start a chat and open their widget socket`);
    const visitors = await inParallel(
      Array.from({ length: VISITORS }, (_, i) => i),
      SETUP_CONCURRENCY,
      async (i) => {
        const { token } = await json<{ token: string }>(await fetch(`${base}/visitors`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: `Visitor ${i}` }) }), 'visitor');
        const visitor = new Visitor(base, token);
        visitor.lastId = (await visitor.send(`Hello from visitor ${i}`)).id;
        await visitor.connect();
        sockets.push(visitor.socket as WebSocket);
        return visitor;
      },
    );
    // Let the setup's events and jobs settle before measuring.
    await sleep(5000);
    sockets.push(...(await startAgents(url, sessions)));

    progress(`${VISITORS * ROUNDS} exchanges at ${RATE}/s`);
    const tend = await runExchanges(visitors);
    const rss = Math.round((await processMemoryMb(server.child.pid as number)).now);
    for (const ws of sockets) ws.terminate();

    progress('the same exchanges through a bare ws relay');
    const bare = await bareExchanges();

    metric('chat_rtt_p50_ms', percentile(tend, 50));
    metric('chat_rtt_p99_ms', percentile(tend, 99));
    metric('chat_rtt_bare_p99_ms', percentile(bare, 99));
    metric('chat_rtt_ratio', percentile(tend, 99) / Math.max(percentile(bare, 99), 0.01));
    metric('chat_rss_mb', rss);
  } finally {
    for (const ws of sockets) ws.terminate();
    if (server) await stopServerProcess(server);
    await db.drop();
  }
}
