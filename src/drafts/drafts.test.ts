import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ApiClient, createTestTend, type TestTend } from '../testing/harness.ts';

let t: TestTend;
let ana: ApiClient;
let ben: ApiClient;
let ticketId: number;
beforeAll(async () => {
  t = await createTestTend();
  ana = await t.user('agent');
  ben = await t.user('agent');
  const created = await t.admin.post('/api/v1/tickets', { subject: 'Broken lamp', requester: { email: 'c@drafts.example' }, message: { body: 'It flickers.' } });
  ticketId = created.body.ticket.id;
});
afterAll(() => t.close());

it('keeps an agent’s unsent reply for them alone, replacing it on each save', async () => {
  expect((await ana.get(`/api/v1/tickets/${ticketId}/draft`)).body).toEqual({ draft: null });
  await ana.put(`/api/v1/tickets/${ticketId}/draft`, { body: 'Hello, could you' });
  const saved = await ana.put(`/api/v1/tickets/${ticketId}/draft`, { body: 'Hello, could you try a new bulb?', internal: false });
  expect(saved.status).toBe(200);
  expect((await ana.get(`/api/v1/tickets/${ticketId}/draft`)).body.draft).toMatchObject({ ticketId, body: 'Hello, could you try a new bulb?', internal: false });
  expect((await ben.get(`/api/v1/tickets/${ticketId}/draft`)).body).toEqual({ draft: null });
});

it('discards the draft when saved empty', async () => {
  await ana.put(`/api/v1/tickets/${ticketId}/draft`, { body: 'Note to self', internal: true });
  await ana.put(`/api/v1/tickets/${ticketId}/draft`, { body: '  ' });
  expect((await ana.get(`/api/v1/tickets/${ticketId}/draft`)).body).toEqual({ draft: null });
});

it('answers 404 for an unknown ticket and 400 naming the field for a bad body', async () => {
  expect((await ana.put('/api/v1/tickets/999999/draft', { body: 'x' })).status).toBe(404);
  const bad = await ana.put(`/api/v1/tickets/${ticketId}/draft`, { internal: true });
  expect(bad.status).toBe(400);
  expect(bad.body.error.field).toBe('body');
});

it('keeps the formatting of a rich draft, sanitised', async () => {
  await ana.put(`/api/v1/tickets/${ticketId}/draft`, { body: 'Try this', html: '<p><strong>Try</strong> this<img src="x" onerror="alert(1)"></p><script>alert(2)</script>' });
  const { draft } = (await ana.get(`/api/v1/tickets/${ticketId}/draft`)).body;
  expect(draft).toMatchObject({ body: 'Try this', html: '<p><strong>Try</strong> this<img src="x" /></p>' });
  await ana.put(`/api/v1/tickets/${ticketId}/draft`, { body: 'Plain again' });
  expect((await ana.get(`/api/v1/tickets/${ticketId}/draft`)).body.draft.html).toBeNull();
});
