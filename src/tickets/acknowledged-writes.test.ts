import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestTend, type TestTend } from '../testing/harness.ts';
import { spawnTend } from '../testing/tend-process.ts';

/**
 * Tend as `npm start` runs it, in a process of its own, killed without warning while tickets are
 * being opened side by side (so that some wait in a group-commit batch): every ticket it answered
 * 201 for must be there, whole, when it starts again.
 */
let t: TestTend;
let dataDir: string;
let token: string;
const running: ChildProcess[] = [];

beforeAll(async () => {
  t = await createTestTend();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'tend-kill-'));
  token = (await t.user('agent')).token;
});

afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  await t.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function startTendProcess(): Promise<{ child: ChildProcess; url: string }> {
  const tend = spawnTend({ ...process.env, DATABASE_URL: t.databaseUrl, PORT: '0', SMTP_PORT: '0', HOST: '127.0.0.1', TEND_DEMO: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  running.push(tend.child);
  return { child: tend.child, url: await tend.url };
}

const open = (url: string, n: number) =>
  fetch(`${url}/api/v1/tickets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ subject: `Killed mid-write ${n}`, requester: { email: `killed${n % 7}@customer.example` }, message: { body: `Body ${n}` } }),
  });

it('keeps every ticket it acknowledged when killed mid-request, and starts again on the same database', async () => {
  const first = await startTendProcess();
  const acknowledged: { id: number; messageId: number; n: number }[] = [];
  let n = 0;
  let killed = false;
  const lanes = Array.from({ length: 8 }, async () => {
    while (!killed) {
      const mine = n++;
      try {
        const response = await open(first.url, mine);
        if (response.status === 201) {
          const { ticket, messageId } = (await response.json()) as { ticket: { id: number }; messageId: number };
          acknowledged.push({ id: ticket.id, messageId, n: mine });
        }
      } catch {
        // The process is gone: whatever it did not answer may or may not be there.
      }
    }
  });
  // Killed once it has answered a few, whatever the machine's speed, with more still on their way.
  await expect.poll(() => acknowledged.length, { timeout: 30_000, interval: 20 }).toBeGreaterThan(10);
  killed = true;
  first.child.kill('SIGKILL');
  await Promise.all(lanes);

  const { rows } = await t.db.query(
    `SELECT t.id, t.subject, m.id AS message_id, m.body FROM tickets t JOIN messages m ON m.ticket_id = t.id WHERE t.id = ANY($1::bigint[])`,
    [acknowledged.map((a) => a.id)],
  );
  const stored = new Map(rows.map((r) => [r.id as number, r]));
  for (const a of acknowledged) {
    expect(stored.get(a.id)).toMatchObject({ subject: `Killed mid-write ${a.n}`, message_id: a.messageId, body: `Body ${a.n}` });
  }

  const second = await startTendProcess();
  const after = await open(second.url, n);
  expect(after.status).toBe(201);
  second.child.kill('SIGTERM');
}, 60_000);
