import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTend, type ApiClient, type TestTend } from '../testing/harness.ts';

let t: TestTend;
let agent: ApiClient;
beforeAll(async () => {
  t = await createTestTend();
  agent = await t.user('agent');
});
afterAll(() => t.close());

const newCustomer = async (body: Record<string, unknown>) => (await t.admin.post('/api/v1/customers', body)).body as { id: number; identities: { id: number }[] };
const newTicket = async (email: string, subject: string) =>
  (await t.admin.post('/api/v1/tickets', { subject, requester: { email }, message: { body: `${subject}, please help` } })).body.ticket as { id: number };

describe('merging duplicate customers', () => {
  it('moves identities, notes, tickets and message authorship to the target and leaves the source pointing at it', async () => {
    const target = await newCustomer({ name: 'Maria Garcia', emails: ['maria@work.example'], tags: ['vip'], attributes: { plan: 'pro', seat: 1 }, timeZone: 'Europe/Madrid' });
    const source = await newCustomer({ name: 'M. Garcia', emails: ['maria.g@home.example'], phones: ['+34 612 345 678'], tags: ['newsletter'], attributes: { plan: 'free', shoeSize: 38 }, language: 'es' });
    const kept = await newTicket('maria@work.example', 'Invoice question');
    const moved = [await newTicket('maria.g@home.example', 'Password reset'), await newTicket('maria.g@home.example', 'Cancel order')];
    await t.admin.post(`/api/v1/customers/${source.id}/notes`, { body: 'Called twice last week' });

    const res = await t.admin.post(`/api/v1/customers/${target.id}/merge`, { sourceId: source.id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: target.id,
      name: 'Maria Garcia',
      tags: ['newsletter', 'vip'],
      attributes: { plan: 'pro', seat: 1, shoeSize: 38 },
      timeZone: 'Europe/Madrid',
      language: 'es',
      mergedIntoId: null,
    });
    expect(res.body.identities.map((i: { value: string; isPrimary: boolean }) => [i.value, i.isPrimary])).toEqual([
      ['maria@work.example', true],
      ['maria.g@home.example', false],
      ['+34612345678', true],
    ]);

    const merged = (await agent.get(`/api/v1/customers/${target.id}`)).body;
    expect(merged.tickets.map((x: { id: number }) => x.id).sort()).toEqual([kept.id, ...moved.map((m) => m.id)].sort());
    expect(merged).toMatchObject({ ticketCount: 3, notesCount: 1 });
    const authors = await t.db.query(`SELECT DISTINCT author_customer_id FROM messages WHERE ticket_id = ANY($1::bigint[])`, [moved.map((m) => m.id)]);
    expect(authors.rows).toEqual([{ author_customer_id: target.id }]);
    const thread = (await agent.get(`/api/v1/tickets/${moved[0]?.id}/messages`)).body.data;
    expect(thread[0].author).toMatchObject({ type: 'customer', name: 'Maria Garcia' });

    const old = (await agent.get(`/api/v1/customers/${source.id}`)).body;
    expect(old).toMatchObject({ id: source.id, mergedIntoId: target.id, identities: [], tickets: [], ticketCount: 0, notesCount: 0 });
    const listed = (await agent.get('/api/v1/customers?q=garcia')).body.data.map((c: { id: number }) => c.id);
    expect(listed).toContain(target.id);
    expect(listed).not.toContain(source.id);

    const audit = (await t.admin.get(`/api/v1/audit?entityType=customer&entityId=${target.id}&action=customer.merged`)).body.data[0];
    expect(audit.before.tags).toEqual(['vip']);
    expect(audit.after.merged).toEqual({ sourceId: source.id, identities: 2, notes: 1, tickets: 2, messages: 2 });
    const event = await t.db.query(`SELECT payload FROM events WHERE type = 'customer.merged' AND payload->>'sourceId' = $1`, [String(source.id)]);
    expect(event.rows[0].payload).toMatchObject({ customerId: target.id, tickets: 2, messages: 2 });
  });

  it('files later mail from the old address under the surviving customer', async () => {
    const target = await newCustomer({ name: 'Kim Lee', emails: ['kim@new.example'] });
    const source = await newCustomer({ name: 'Kim', emails: ['kim@old.example'] });
    await t.admin.post(`/api/v1/customers/${target.id}/merge`, { sourceId: source.id });
    const later = (await t.admin.post('/api/v1/tickets', { subject: 'Back again', requester: { email: 'KIM@old.example' }, message: { body: 'hello' } })).body.ticket;
    expect(later.requester.id).toBe(target.id);
  });

  it('points customers merged earlier at the newest target, so one hop always reaches the survivor', async () => {
    const a = await newCustomer({ name: 'Chain A', emails: ['a@chain.example'] });
    const b = await newCustomer({ name: 'Chain B' });
    const c = await newCustomer({ name: 'Chain C' });
    await t.admin.post(`/api/v1/customers/${b.id}/merge`, { sourceId: a.id });
    await t.admin.post(`/api/v1/customers/${c.id}/merge`, { sourceId: b.id });
    expect((await agent.get(`/api/v1/customers/${a.id}`)).body.mergedIntoId).toBe(c.id);
    expect((await t.admin.post('/api/v1/tickets', { subject: 'x', requester: { email: 'a@chain.example' }, message: { body: 'y' } })).body.ticket.requester.id).toBe(c.id);
  });

  it('refuses merging into itself, an unknown or already merged customer, changes to a merged one, and agents without the permission', async () => {
    const a = await newCustomer({ name: 'Refuse A' });
    const b = await newCustomer({ name: 'Refuse B' });
    expect((await t.admin.post(`/api/v1/customers/${a.id}/merge`, { sourceId: a.id })).body.error).toMatchObject({ code: 'validation', field: 'sourceId' });
    expect((await t.admin.post(`/api/v1/customers/${a.id}/merge`, { sourceId: 99999999 })).body.error.field).toBe('sourceId');
    expect((await t.admin.post('/api/v1/customers/99999999/merge', { sourceId: a.id })).status).toBe(404);
    expect((await t.admin.post(`/api/v1/customers/${a.id}/merge`, {})).body.error.field).toBe('sourceId');
    expect((await agent.post(`/api/v1/customers/${a.id}/merge`, { sourceId: b.id })).status).toBe(403);
    expect((await t.admin.post(`/api/v1/customers/${a.id}/merge`, { sourceId: b.id })).status).toBe(200);
    const again = await t.admin.post(`/api/v1/customers/${a.id}/merge`, { sourceId: b.id });
    expect(again.status).toBe(409);
    expect(again.body.error.field).toBe('sourceId');
    expect((await agent.patch(`/api/v1/customers/${b.id}`, { name: 'Ghost' })).status).toBe(409);
  });
});
