import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { withTransaction } from '../db/pool.ts';
import { emitEvent } from '../events/index.ts';
import { createTestTend, type TestTend } from '../testing/harness.ts';

let t: TestTend;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  t = await createTestTend();
  await t.startWorker();
});
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});
afterAll(() => t.close());

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real HTTP endpoint on loopback that records each request and answers with the next status in `statuses` (then the last one). */
async function startReceiver(statuses: number[] = [200]) {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = statuses[Math.min(received.length - 1, statuses.length - 1)] ?? 200;
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status >= 300 ? 'receiver says no' : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, statuses };
}

async function createWebhook(body: { url: string; events: string[]; active?: boolean }) {
  const res = await t.admin.post('/api/v1/webhooks', body);
  expect(res.status).toBe(201);
  const { webhook, secret } = res.body as { webhook: { id: number }; secret: string };
  cleanups.push(() => t.admin.delete(`/api/v1/webhooks/${webhook.id}`));
  return { id: webhook.id, secret };
}

const emit = (type: string, payload: Record<string, unknown>) => withTransaction(t.db, (tx) => emitEvent(tx, type, payload));

async function deliveriesOf(webhookId: number) {
  const res = await t.admin.get(`/api/v1/webhooks/${webhookId}/deliveries`);
  expect(res.status).toBe(200);
  return res.body.data as { id: number; eventId: number; eventType: string; status: string; attempts: number; responseStatus: number | null; lastError: string | null }[];
}

/** Jobs of `task` that will still run: none left means every one has finished. */
async function unfinishedJobs(task: string): Promise<number> {
  const { rows } = await t.db.query(
    `SELECT count(*)::int AS n FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks k ON k.id = j.task_id
      WHERE k.identifier = $1 AND j.attempts < j.max_attempts`,
    [task],
  );
  return rows[0].n;
}

/** Skips graphile-worker's backoff wait so a retry runs now instead of seconds later. */
const retryNow = (deliveryId: number) =>
  t.db.query(`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE key = $1 AND locked_at IS NULL`, [`webhooks.deliver:${deliveryId}`]);

const waitFor = <T>(check: () => Promise<T>) => vi.waitFor(check, { timeout: 20_000, interval: 50 });

function verifySignature(secret: string, received: Received): boolean {
  const timestamp = String(received.headers['x-tend-timestamp']);
  const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${received.body}`).digest('hex')}`;
  const sent = String(received.headers['x-tend-signature']);
  return sent.length === expected.length && timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
}

describe('delivery', () => {
  it('POSTs a ticket event to the receiver, signed so that the receiver can verify it with the secret', async () => {
    const receiver = await startReceiver();
    const hook = await createWebhook({ url: receiver.url, events: ['ticket.created'] });
    const eventId = await emit('ticket.created', { ticketId: 1234, channel: 'email' });

    await waitFor(async () => expect(receiver.received).toHaveLength(1));
    const [request] = receiver.received as [Received];
    expect(verifySignature(hook.secret, request)).toBe(true);
    expect(verifySignature('whsec_wrong', request)).toBe(false);
    expect(request.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'Tend-Webhooks/1',
      'x-tend-event': 'ticket.created',
    });
    expect(Math.abs(Number(request.headers['x-tend-timestamp']) - Date.now() / 1000)).toBeLessThan(300);
    const body = JSON.parse(request.body);
    expect(body).toMatchObject({ id: eventId, type: 'ticket.created', data: { ticketId: 1234, channel: 'email' } });
    expect(new Date(body.createdAt).getTime()).not.toBeNaN();

    await waitFor(async () => expect((await deliveriesOf(hook.id))[0]).toMatchObject({ status: 'succeeded', attempts: 1, responseStatus: 200, lastError: null }));
    const [delivery] = await deliveriesOf(hook.id);
    expect(request.headers['x-tend-delivery']).toBe(String(delivery?.id));
  });

  it('retries a receiver that answers 500 twice and records success on the third attempt', async () => {
    const receiver = await startReceiver([500, 500, 200]);
    const hook = await createWebhook({ url: receiver.url, events: ['message.created'] });
    await emit('message.created', { ticketId: 1, messageId: 2, internal: false });

    await waitFor(async () => expect(receiver.received).toHaveLength(1));
    await waitFor(async () => expect((await deliveriesOf(hook.id))[0]).toMatchObject({ status: 'pending', attempts: 1, responseStatus: 500, lastError: 'HTTP 500: receiver says no' }));
    const [delivery] = await deliveriesOf(hook.id);
    await waitFor(async () => {
      await retryNow(delivery?.id ?? 0);
      expect(receiver.received).toHaveLength(3);
    });
    await waitFor(async () => expect((await deliveriesOf(hook.id))[0]).toMatchObject({ status: 'succeeded', attempts: 3, responseStatus: 200, lastError: null }));
    // Every attempt is the same delivery of the same event, each freshly signed.
    expect(new Set(receiver.received.map((r) => r.headers['x-tend-delivery']))).toEqual(new Set([String(delivery?.id)]));
    expect(new Set(receiver.received.map((r) => JSON.parse(r.body).id)).size).toBe(1);
    expect(receiver.received.every((r) => verifySignature(hook.secret, r))).toBe(true);
  });

  it('marks a delivery failed after its last attempt, and redelivers it when an admin asks', async () => {
    const receiver = await startReceiver([503]);
    const hook = await createWebhook({ url: receiver.url, events: ['ticket.updated'] });
    await emit('ticket.updated', { ticketId: 7, changes: { status: { from: 'open', to: 'solved' } } });
    await waitFor(async () => expect((await deliveriesOf(hook.id))[0]).toMatchObject({ attempts: 1, status: 'pending' }));
    const [delivery] = await deliveriesOf(hook.id);
    const id = delivery?.id ?? 0;

    // Jump to the eighth and last attempt instead of waiting half an hour of backoff.
    await t.db.query(`UPDATE graphile_worker._private_jobs SET attempts = max_attempts - 1, run_at = now() WHERE key = $1`, [`webhooks.deliver:${id}`]);
    await waitFor(async () => expect((await deliveriesOf(hook.id))[0]).toMatchObject({ status: 'failed', attempts: 2, responseStatus: 503 }));
    expect(await unfinishedJobs('webhooks.deliver')).toBe(0);

    receiver.statuses.splice(0, receiver.statuses.length, 200);
    const redeliver = await t.admin.post(`/api/v1/webhooks/${hook.id}/deliveries/${id}/redeliver`);
    expect(redeliver.status).toBe(202);
    expect(redeliver.body).toMatchObject({ id, status: 'pending' });
    await waitFor(async () => expect((await deliveriesOf(hook.id))[0]).toMatchObject({ status: 'succeeded', attempts: 3, responseStatus: 200 }));
    expect(receiver.received).toHaveLength(3);
    expect((await t.admin.post(`/api/v1/webhooks/${hook.id}/deliveries/999999/redeliver`)).status).toBe(404);
  });

  it('sends nothing to an inactive webhook or to one not subscribed to the event; "*" receives everything', async () => {
    const inactive = await startReceiver();
    const otherType = await startReceiver();
    const everything = await startReceiver();
    const subscribed = await startReceiver();
    const inactiveHook = await createWebhook({ url: inactive.url, events: ['ticket.created'], active: false });
    const otherTypeHook = await createWebhook({ url: otherType.url, events: ['message.created'] });
    await createWebhook({ url: everything.url, events: ['*'] });
    await createWebhook({ url: subscribed.url, events: ['ticket.created', 'ticket.updated'] });

    await emit('ticket.created', { ticketId: 99 });
    await waitFor(async () => {
      expect(everything.received).toHaveLength(1);
      expect(subscribed.received).toHaveLength(1);
    });
    // The fan-out decides every webhook in one statement, so once any delivery exists the others' fate is final.
    expect(await deliveriesOf(inactiveHook.id)).toEqual([]);
    expect(await deliveriesOf(otherTypeHook.id)).toEqual([]);
    await waitFor(async () => expect(await unfinishedJobs('webhooks.deliver')).toBe(0));
    expect(inactive.received).toHaveLength(0);
    expect(otherType.received).toHaveLength(0);
  });

  it('stops sending a pending delivery once its webhook is deactivated', async () => {
    const receiver = await startReceiver([500]);
    const hook = await createWebhook({ url: receiver.url, events: ['ticket.created'] });
    await emit('ticket.created', { ticketId: 5 });
    await waitFor(async () => expect((await deliveriesOf(hook.id))[0]).toMatchObject({ status: 'pending', attempts: 1 }));
    const [delivery] = await deliveriesOf(hook.id);
    expect((await t.admin.patch(`/api/v1/webhooks/${hook.id}`, { active: false })).body).toMatchObject({ active: false });

    await retryNow(delivery?.id ?? 0);
    await waitFor(async () => expect((await deliveriesOf(hook.id))[0]).toMatchObject({ status: 'failed', attempts: 1, lastError: 'not sent: the webhook is inactive' }));
    expect(receiver.received).toHaveLength(1);
    expect((await t.admin.post(`/api/v1/webhooks/${hook.id}/test`)).status).toBe(409);
  });

  it('is safe when the dispatch or delivery job runs twice: one delivery, sent once', async () => {
    const receiver = await startReceiver();
    const hook = await createWebhook({ url: receiver.url, events: ['ticket.created'] });
    const eventId = await emit('ticket.created', { ticketId: 42 });
    await waitFor(async () => expect((await deliveriesOf(hook.id))[0]).toMatchObject({ status: 'succeeded' }));
    const [delivery] = await deliveriesOf(hook.id);

    await t.db.query(`SELECT graphile_worker.add_job('events.dispatch', json_build_array($1::bigint))`, [eventId]);
    await t.db.query(`SELECT graphile_worker.add_job('webhooks.deliver', json_build_object('deliveryId', $1::bigint))`, [delivery?.id]);
    await waitFor(async () => {
      expect(await unfinishedJobs('events.dispatch')).toBe(0);
      expect(await unfinishedJobs('webhooks.deliver')).toBe(0);
    });
    expect(await deliveriesOf(hook.id)).toHaveLength(1);
    expect(receiver.received).toHaveLength(1);
  });
});

describe('administration', () => {
  it('shows the secret only when created or rotated, and never logs it in the audit trail', async () => {
    const receiver = await startReceiver();
    const hook = await createWebhook({ url: receiver.url, events: ['ticket.created'] });
    expect(hook.secret).toMatch(/^whsec_.{40,}/);
    const listed = await t.admin.get('/api/v1/webhooks');
    expect(listed.body.data.map((w: { id: number }) => w.id)).toContain(hook.id);
    const got = await t.admin.get(`/api/v1/webhooks/${hook.id}`);
    expect(got.body).toMatchObject({ id: hook.id, url: receiver.url, events: ['ticket.created'], active: true });
    for (const res of [listed, got]) {
      expect(JSON.stringify(res.body)).not.toContain(hook.secret);
      expect(JSON.stringify(res.body)).not.toMatch(/secret/i);
    }

    const rotated = await t.admin.post(`/api/v1/webhooks/${hook.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    const newSecret: string = rotated.body.secret;
    expect(newSecret).not.toBe(hook.secret);
    expect(JSON.stringify((await t.admin.get(`/api/v1/webhooks/${hook.id}`)).body)).not.toContain(newSecret);

    // The test event is signed with the rotated secret.
    const test = await t.admin.post(`/api/v1/webhooks/${hook.id}/test`);
    expect(test.status).toBe(202);
    expect(test.body).toMatchObject({ webhookId: hook.id, eventType: 'webhook.test', status: 'pending' });
    await waitFor(async () => expect(receiver.received).toHaveLength(1));
    expect(receiver.received[0]?.headers['x-tend-event']).toBe('webhook.test');
    expect(verifySignature(newSecret, receiver.received[0] as Received)).toBe(true);
    expect(verifySignature(hook.secret, receiver.received[0] as Received)).toBe(false);

    const audit = await t.admin.get(`/api/v1/audit?entityType=webhook&entityId=${hook.id}`);
    expect(audit.body.data.map((e: { action: string }) => e.action)).toEqual(['webhook.tested', 'webhook.secret_rotated', 'webhook.created']);
    expect(JSON.stringify(audit.body)).not.toContain(hook.secret);
    expect(JSON.stringify(audit.body)).not.toContain(newSecret);
  });

  it('sends a test event to that webhook alone, even when another subscribes to everything', async () => {
    const target = await startReceiver();
    const bystander = await startReceiver();
    const hook = await createWebhook({ url: target.url, events: ['message.created'] });
    const all = await createWebhook({ url: bystander.url, events: ['*'] });
    expect((await t.admin.post(`/api/v1/webhooks/${hook.id}/test`)).status).toBe(202);
    await waitFor(async () => {
      expect(target.received).toHaveLength(1);
      expect(await unfinishedJobs('events.dispatch')).toBe(0);
    });
    expect(await deliveriesOf(all.id)).toEqual([]);
    expect(bystander.received).toHaveLength(0);
  });

  it('updates, audits and deletes a webhook', async () => {
    const hook = await createWebhook({ url: 'https://example.test/a', events: ['ticket.created'] });
    const updated = await t.admin.patch(`/api/v1/webhooks/${hook.id}`, { url: 'https://example.test/b', events: ['*', '*'], description: ' CRM sync ' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ url: 'https://example.test/b', events: ['*'], description: 'CRM sync', active: true });
    const audit = await t.admin.get(`/api/v1/audit?entityType=webhook&entityId=${hook.id}&action=webhook.updated`);
    expect(audit.body.data[0]).toMatchObject({ before: { url: 'https://example.test/a' }, after: { url: 'https://example.test/b', events: ['*'] } });

    expect((await t.admin.delete(`/api/v1/webhooks/${hook.id}`)).status).toBe(204);
    expect((await t.admin.get(`/api/v1/webhooks/${hook.id}`)).status).toBe(404);
    expect((await t.admin.patch(`/api/v1/webhooks/${hook.id}`, { active: true })).status).toBe(404);
  });

  it('pages through deliveries newest first', async () => {
    const receiver = await startReceiver();
    const hook = await createWebhook({ url: receiver.url, events: ['ticket.created'] });
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push((await t.admin.post(`/api/v1/webhooks/${hook.id}/test`)).body.id);
    const first = await t.admin.get(`/api/v1/webhooks/${hook.id}/deliveries?limit=2`);
    expect(first.body.data.map((d: { id: number }) => d.id)).toEqual([ids[2], ids[1]]);
    const second = await t.admin.get(`/api/v1/webhooks/${hook.id}/deliveries?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ data: [{ id: ids[0] }], nextCursor: null });
    await waitFor(async () => expect(receiver.received).toHaveLength(3));
    // The receiver answers before the job records the answer: wait for the record, not the request.
    await waitFor(async () => expect((await t.admin.get(`/api/v1/webhooks/${hook.id}/deliveries?status=succeeded`)).body.data).toHaveLength(3));
  });

  it('rejects a URL that is not http(s) or carries credentials, naming url, and unknown event types, naming events', async () => {
    for (const url of ['ftp://example.test/hook', 'javascript:alert(1)', 'not a url', 'https://user:pass@example.test/hook']) {
      const res = await t.admin.post('/api/v1/webhooks', { url, events: ['ticket.created'] });
      expect(res.status, url).toBe(400);
      expect(res.body.error.field, url).toBe('url');
    }
    const unknown = await t.admin.post('/api/v1/webhooks', { url: 'https://example.test/hook', events: ['ticket.exploded'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.field).toMatch(/^events/);
    const none = await t.admin.post('/api/v1/webhooks', { url: 'https://example.test/hook', events: [] });
    expect(none.status).toBe(400);
    expect(none.body.error.field).toMatch(/^events/);
  });

  it('is refused to anyone without webhooks.manage', async () => {
    const hook = await createWebhook({ url: 'https://example.test/hook', events: ['ticket.created'] });
    for (const role of ['agent', 'supervisor'] as const) {
      const user = await t.user(role);
      expect((await user.get('/api/v1/webhooks')).status).toBe(403);
      expect((await user.get(`/api/v1/webhooks/${hook.id}`)).status).toBe(403);
      expect((await user.post('/api/v1/webhooks', { url: 'https://example.test/x', events: ['*'] })).status).toBe(403);
      expect((await user.post(`/api/v1/webhooks/${hook.id}/rotate-secret`)).status).toBe(403);
      expect((await user.get(`/api/v1/webhooks/${hook.id}/deliveries`)).status).toBe(403);
    }
  });
});
