import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestTend } from '../testing/harness.ts';
import { type MailSink, PortalClient, startPortalTend } from './portal-test-helpers.ts';

let t: TestTend;
let sink: MailSink;
let base: string;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ t, sink, base, close } = await startPortalTend());
});
afterAll(() => close());

it('lets a signed-in customer ask to be called back about a topic; the request is theirs and waits in that queue', async () => {
  const c = new PortalClient(base);
  await c.signIn('paula@portal.example', sink);
  expect((await c.get('/portal/callback')).text).toContain('Call-backs are not offered here yet');
  const billing = (await t.admin.post('/api/v1/phone/callback-queues', { name: 'Billing', maxWaitSeconds: 1800 })).body;
  await t.admin.post('/api/v1/phone/callback-queues', { name: 'Repairs', maxWaitSeconds: 1800 });
  const form = await c.get('/portal/callback');
  expect(form.text).toContain('<option value="' + billing.id + '">Billing</option>');
  expect((await c.post('/portal/callback', { _csrf: 'forged', queueId: String(billing.id), phone: '+441632960777' })).status).toBe(403);
  const sent = await c.post('/portal/callback', { _csrf: c.csrf, queueId: String(billing.id), phone: '+44 1632 960777', reason: 'About my last invoice' });
  expect(sent.status).toBe(303);
  const ticketId = Number(/\/portal\/requests\/(\d+)$/.exec(sent.location ?? '')?.[1]);
  expect((await c.get(`/portal/requests/${ticketId}`)).text).toContain('About my last invoice');
  const { rows } = await t.db.query(`SELECT queue_id, source, status, phone FROM callback_requests WHERE ticket_id = $1`, [ticketId]);
  expect(rows).toEqual([{ queue_id: billing.id, source: 'portal', status: 'waiting', phone: '+441632960777' }]);
});
