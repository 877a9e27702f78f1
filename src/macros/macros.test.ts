import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, createTestTend, type TestTend } from '../testing/harness.ts';

let t: TestTend;
let ana: ApiClient;
let ben: ApiClient;
beforeAll(async () => {
  t = await createTestTend();
  ana = await t.user('agent');
  ben = await t.user('agent');
});
afterAll(() => t.close());

const refund = { reply: 'Hi {{customer.first_name}}, your refund is on its way.', status: 'solved', addTags: ['refund'] };

describe('macros', () => {
  it('keeps a personal macro to its owner and a shared one for everyone, searchable by name', async () => {
    const mine = await ana.post('/api/v1/macros', { name: 'Refund issued', actions: refund });
    expect(mine.status).toBe(201);
    expect(mine.body).toMatchObject({ shared: false, ownerId: ana.userId, actions: refund });
    const shared = await t.admin.post('/api/v1/macros', { name: 'Ask for order number', shared: true, actions: { reply: 'Could you send your order number?', status: 'pending' } });
    expect(shared.status).toBe(201);
    const names = async (c: ApiClient, q = '') => ((await c.get(`/api/v1/macros${q}`)).body.data as { name: string }[]).map((m) => m.name);
    expect(await names(ana)).toEqual(['Ask for order number', 'Refund issued']);
    expect(await names(ben)).toEqual(['Ask for order number']);
    expect(await names(ana, '?q=refnd')).toEqual(['Refund issued']);
  });

  it('lets only admins share a macro, and only the owner change a personal one', async () => {
    const refused = await ana.post('/api/v1/macros', { name: 'Team-wide', shared: true, actions: { reply: 'x' } });
    expect(refused.status).toBe(403);
    const mine = (await ana.post('/api/v1/macros', { name: 'Mine', actions: { reply: 'x' } })).body;
    expect((await ben.patch(`/api/v1/macros/${mine.id}`, { name: 'Stolen' })).status).toBe(404);
    expect((await ben.delete(`/api/v1/macros/${mine.id}`)).status).toBe(404);
    const renamed = await ana.patch(`/api/v1/macros/${mine.id}`, { name: 'Mine, renamed' });
    expect(renamed.body.name).toBe('Mine, renamed');
    expect((await ana.delete(`/api/v1/macros/${mine.id}`)).status).toBe(204);
    const audit = await t.admin.get(`/api/v1/audit?entityType=macro&entityId=${mine.id}`);
    expect(audit.body.data.map((e: { action: string }) => e.action)).toEqual(['macro.deleted', 'macro.updated', 'macro.created']);
  });

  it('rejects an unknown status or action, naming the field', async () => {
    const bad = await ana.post('/api/v1/macros', { name: 'Bad', actions: { status: 'archived' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toMatch(/actions/);
  });
});
