import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestTend, type TestTend } from '../src/testing/harness.ts';

let t: TestTend;
let child: ChildProcess | null = null;
beforeAll(async () => {
  t = await createTestTend();
});
afterAll(async () => {
  child?.kill('SIGKILL');
  await t.close();
});

/** Starts `npm start`'s entry point as a real process on the test database; resolves with its URL. */
async function startServer(): Promise<{ url: string; process: ChildProcess }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, DATABASE_URL: t.databaseUrl, PORT: '0', HOST: '127.0.0.1', TEND_DEMO: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    proc.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Tend is running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    proc.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    proc.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
    setTimeout(() => reject(new Error(`server did not start within 60 s: ${output}`)), 60_000).unref();
  });
  return { url, process: proc };
}

it('keeps every acknowledged write when the server is killed mid-request', async () => {
  const first = await startServer();
  child = first.process;
  const acknowledged: number[] = [];
  let stop = false;
  const writer = async (worker: number) => {
    for (let i = 0; !stop; i++) {
      try {
        const res = await fetch(`${first.url}/api/v1/tickets`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${t.admin.token}` },
          body: JSON.stringify({ subject: `crash ${worker}-${i}`, requester: { email: `crash${worker}@example.com` }, message: { body: 'before the crash' } }),
        });
        if (res.status === 201) acknowledged.push(((await res.json()) as { ticket: { id: number } }).ticket.id);
      } catch {
        return; // the connection died with the server
      }
    }
  };
  let running = 8;
  const writers = Array.from({ length: running }, (_, w) => writer(w).finally(() => running--));
  while (acknowledged.length < 40 && running > 0) await new Promise((r) => setTimeout(r, 5));
  expect(acknowledged.length).toBeGreaterThanOrEqual(40);
  const exited = once(first.process, 'exit');
  first.process.kill('SIGKILL');
  stop = true;
  await Promise.all(writers);
  await exited;

  const second = await startServer();
  child = second.process;
  for (const id of acknowledged) {
    const res = await fetch(`${second.url}/api/v1/tickets/${id}/messages`, { headers: { authorization: `Bearer ${t.admin.token}` } });
    expect(res.status, `ticket ${id}`).toBe(200);
    expect(((await res.json()) as { data: unknown[] }).data).toHaveLength(1);
  }
  // Nothing half-written either: every ticket that exists has its first message.
  const orphans = await t.db.query(`SELECT count(*)::int AS n FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = t.id)`);
  expect(orphans.rows[0].n).toBe(0);
  const stopped = once(second.process, 'exit');
  second.process.kill('SIGTERM');
  await stopped;
  child = null;
}, 180_000);
