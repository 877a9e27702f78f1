import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { hashPassword } from '../auth/index.ts';
import { loadConfig } from '../config.ts';
import { createPool, type Db, withTransaction } from '../db/pool.ts';
import { emitEvent, emitEvents } from '../events/index.ts';
import { type App, buildApp } from '../platform/http/app.ts';
import { routes } from '../routes.ts';
import { createTestTend, type TestTend } from '../testing/harness.ts';
import { REPLAY_LIMIT } from './realtime-hub.ts';

/** A second Tend process on the same database, as in a deployment with several app servers. */
async function startProcess(databaseUrl: string, redisUrl?: string): Promise<{ app: App; db: Db; url: string }> {
  const db = createPool(databaseUrl, 5);
  const app = await buildApp({ db, config: { ...loadConfig({}), databaseUrl, redisUrl, logLevel: 'silent' } }, routes);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return { app, db, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

interface Socket {
  ws: WebSocket;
  received: any[];
  /** Resolves with the first message, received so far or later, that matches and was not taken before. */
  next(match: (message: any) => boolean): Promise<any>;
  send(message: object): void;
  close(): Promise<void>;
}

function openSocket(baseUrl: string, cookie: string, query = ''): Promise<Socket> {
  const ws = new WebSocket(`${baseUrl.replace('http', 'ws')}/api/v1/realtime${query}`, { headers: { cookie } });
  const received: any[] = [];
  const taken = new Set<number>();
  const waiters: { match: (m: any) => boolean; resolve: (m: any) => void }[] = [];
  const offer = (index: number) => {
    const waiter = waiters.find((w) => w.match(received[index]));
    if (!waiter) return;
    taken.add(index);
    waiters.splice(waiters.indexOf(waiter), 1);
    waiter.resolve(received[index]);
  };
  ws.on('message', (data) => {
    received.push(JSON.parse(data.toString()));
    offer(received.length - 1);
  });
  const socket: Socket = {
    ws,
    received,
    next: (match) =>
      new Promise((resolve) => {
        const index = received.findIndex((m, i) => !taken.has(i) && match(m));
        if (index >= 0) {
          taken.add(index);
          resolve(received[index]);
        } else waiters.push({ match, resolve });
      }),
    send: (message) => ws.send(JSON.stringify(message)),
    close: () =>
      new Promise((resolve) => {
        if (ws.readyState === WebSocket.CLOSED) return resolve();
        ws.once('close', () => resolve());
        ws.close();
      }),
  };
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    // The hello arrives once the socket is subscribed; from then on nothing is missed.
    void socket.next((m) => m.type === 'hello').then(() => resolve(socket));
  });
}

function refusal(baseUrl: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${baseUrl.replace('http', 'ws')}/api/v1/realtime`, { headers });
    ws.on('unexpected-response', (req, res) => {
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    ws.on('error', () => {});
    ws.on('open', () => {
      resolve(101);
      ws.close();
    });
  });
}

let t: TestTend;
let a: { url: string };
let b: { app: App; db: Db; url: string };
const agents: Record<string, { id: number; cookie: string }> = {};

async function signIn(name: string, role = 'agent'): Promise<{ id: number; cookie: string }> {
  const email = `${name.toLowerCase()}@realtime.example`;
  const { rows } = await t.db.query(
    `INSERT INTO users (email, name, role_id, password_hash) SELECT $1, $2, id, $3 FROM roles WHERE key = $4 RETURNING id`,
    [email, name, await hashPassword('pw-realtime'), role],
  );
  const res = await fetch(`${a.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'pw-realtime' }) });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
  return { id: rows[0].id, cookie };
}

const emit = (type: string, payload: Record<string, unknown>) => withTransaction(t.db, (tx) => emitEvent(tx, type, payload));

beforeAll(async () => {
  t = await createTestTend();
  a = { url: await t.listen() };
  b = await startProcess(t.databaseUrl);
  agents.ana = await signIn('Ana');
  agents.ben = await signIn('Ben');
});
afterAll(async () => {
  await b.app.close();
  await b.db.end();
  await t.close();
});

describe('events across processes', () => {
  it('delivers an event committed anywhere to clients connected to every process', async () => {
    const onA = await openSocket(a.url, agents.ana!.cookie);
    const onB = await openSocket(b.url, agents.ben!.cookie);
    const id = await emit('ticket.updated', { ticketId: 4242, changes: { status: { from: 'open', to: 'pending' } } });
    const [gotA, gotB] = await Promise.all([onA.next((m) => m.type === 'event' && m.id === id), onB.next((m) => m.type === 'event' && m.id === id)]);
    expect(gotA).toMatchObject({ event: 'ticket.updated', payload: { ticketId: 4242 } });
    expect(gotB).toMatchObject({ event: 'ticket.updated', payload: { ticketId: 4242 } });
    await Promise.all([onA.close(), onB.close()]);
  });

  it('delivers an event too big for a notification, loaded from the table, in its place among the others', async () => {
    const socket = await openSocket(b.url, agents.ana!.cookie);
    const note = 'x'.repeat(20_000);
    const ids = await withTransaction(t.db, (tx) =>
      emitEvents(tx, [
        { type: 'ticket.updated', payload: { ticketId: 77, step: 1 } },
        { type: 'ticket.updated', payload: { ticketId: 77, step: 2, note } },
        { type: 'ticket.updated', payload: { ticketId: 77, step: 3 } },
      ]),
    );
    const got = [];
    for (const _ of ids) got.push(await socket.next((m) => m.type === 'event' && m.payload?.ticketId === 77));
    expect(got.map((m) => [m.id, m.payload.step])).toEqual(ids.map((id, i) => [id, i + 1]));
    expect(got[1].payload.note).toBe(note);
    for (const m of got) expect(Date.now() - new Date(m.createdAt).getTime()).toBeLessThan(60_000);
    await socket.close();
  });

  it('sends nothing for a change that rolled back', async () => {
    const socket = await openSocket(b.url, agents.ana!.cookie);
    await withTransaction(t.db, async (tx) => {
      await emitEvent(tx, 'ticket.updated', { ticketId: 1, rolledBack: true });
      throw new Error('abort');
    }).catch(() => {});
    const committed = await emit('ticket.updated', { ticketId: 2 });
    await socket.next((m) => m.type === 'event' && m.id === committed);
    expect(socket.received.filter((m) => m.type === 'event' && m.payload.rolledBack)).toEqual([]);
    await socket.close();
  });

  it('replays what a client missed while disconnected, in order and without duplicates', async () => {
    const first = await openSocket(a.url, agents.ana!.cookie);
    const seen = await emit('ticket.updated', { ticketId: 10, step: 0 });
    await first.next((m) => m.type === 'event' && m.id === seen);
    await first.close();
    const missed = [];
    for (let step = 1; step <= 3; step++) missed.push(await emit('ticket.updated', { ticketId: 10, step }));
    const again = await openSocket(b.url, agents.ana!.cookie, `?lastEventId=${seen}`);
    const after = await emit('ticket.updated', { ticketId: 10, step: 4 });
    await again.next((m) => m.type === 'event' && m.id === after);
    const ids = again.received.filter((m) => m.type === 'event' && m.payload.ticketId === 10).map((m) => m.id);
    expect(ids).toEqual([...missed, after]);
    await again.close();
  });

  it('asks a client that missed too much to reload rather than replaying it all', async () => {
    const { rows } = await t.db.query(`SELECT coalesce(max(id), 0) AS id FROM events`);
    await t.db.query(`INSERT INTO events (type, payload) SELECT 'ticket.updated', jsonb_build_object('ticketId', g) FROM generate_series(1, $1) g`, [REPLAY_LIMIT + 1]);
    const socket = await openSocket(a.url, agents.ana!.cookie, `?lastEventId=${rows[0].id}`);
    const resync = await socket.next((m) => m.type === 'resync');
    expect(resync.lastEventId).toBeGreaterThan(rows[0].id + REPLAY_LIMIT);
    // A live event of an earlier test may still reach the new socket; none of the missed ones may.
    expect(socket.received.filter((m) => m.type === 'event' && m.id > rows[0].id)).toEqual([]);
    await socket.close();
  });

  it('delivers an event addressed to one user only to that user', async () => {
    const ana = await openSocket(a.url, agents.ana!.cookie);
    const ben = await openSocket(b.url, agents.ben!.cookie);
    const forBen = await emit('notification.created', { forUserId: agents.ben!.id, notificationId: 1 });
    const forAll = await emit('ticket.updated', { ticketId: 3 });
    await ben.next((m) => m.id === forBen);
    await ana.next((m) => m.id === forAll);
    expect(ana.received.some((m) => m.id === forBen)).toBe(false);
    await Promise.all([ana.close(), ben.close()]);
  });
});

describe('presence and typing', () => {
  it('shows who is viewing and typing on a ticket to agents on another process, and announces leaving', async () => {
    const ana = await openSocket(a.url, agents.ana!.cookie);
    const ben = await openSocket(b.url, agents.ben!.cookie);
    ana.send({ type: 'presence', ticketId: 77, state: 'viewing', announce: true });
    const joined = await ben.next((m) => m.type === 'presence' && m.ticketId === 77);
    expect(joined).toMatchObject({ state: 'viewing', announce: true, user: { id: agents.ana!.id, name: 'Ana' } });
    ben.send({ type: 'presence', ticketId: 77, state: 'typing', internal: true });
    expect(await ana.next((m) => m.type === 'presence' && m.state === 'typing')).toMatchObject({ internal: true, user: { name: 'Ben' } });
    await ana.close();
    expect(await ben.next((m) => m.type === 'presence' && m.state === 'left')).toMatchObject({ ticketId: 77, user: { name: 'Ana' } });
    expect(ana.received.some((m) => m.type === 'presence' && m.user.name === 'Ana')).toBe(false);
    await ben.close();
  });

  it('ignores malformed messages and keeps the socket open', async () => {
    const ana = await openSocket(a.url, agents.ana!.cookie);
    const ben = await openSocket(b.url, agents.ben!.cookie);
    ana.ws.send('not json');
    ana.send({ type: 'presence', ticketId: 'x', state: 'viewing' });
    ana.send({ type: 'presence', ticketId: 5, state: 'viewing' });
    expect(await ben.next((m) => m.type === 'presence')).toMatchObject({ ticketId: 5 });
    expect(ana.ws.readyState).toBe(WebSocket.OPEN);
    await Promise.all([ana.close(), ben.close()]);
  });
});

describe('who may connect', () => {
  it('refuses a socket without a session', async () => {
    expect(await refusal(a.url, {})).toBe(401);
    expect(await refusal(a.url, { cookie: 'tend_session=forged' })).toBe(401);
  });

  it('refuses a socket opened from another site with the agent cookie', async () => {
    expect(await refusal(a.url, { cookie: agents.ana!.cookie, origin: 'https://evil.example' })).toBe(403);
  });
});

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const redisUp = await (async () => {
  const probe = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await probe.connect();
    return true;
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
})();

describe.runIf(redisUp)('with REDIS_URL', () => {
  it('fans presence out through Redis pub/sub while events still come from Postgres', async () => {
    const one = await startProcess(t.databaseUrl, redisUrl);
    const two = await startProcess(t.databaseUrl, redisUrl);
    const spy = new Redis(redisUrl);
    const overRedis: string[] = [];
    spy.on('message', (_channel: string, raw: string) => overRedis.push(raw));
    await spy.subscribe('tend_presence');
    try {
      const ana = await openSocket(one.url, agents.ana!.cookie);
      const ben = await openSocket(two.url, agents.ben!.cookie);
      ana.send({ type: 'presence', ticketId: 91, state: 'typing' });
      await ben.next((m) => m.type === 'presence' && m.ticketId === 91);
      expect(overRedis.some((raw) => JSON.parse(raw).ticketId === 91)).toBe(true);
      const id = await emit('ticket.updated', { ticketId: 91 });
      await ben.next((m) => m.type === 'event' && m.id === id);
      await Promise.all([ana.close(), ben.close()]);
    } finally {
      spy.disconnect();
      for (const p of [one, two]) {
        await p.app.close();
        await p.db.end();
      }
    }
  });
});
