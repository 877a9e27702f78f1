import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTend, type ApiClient, type TestTend } from '../testing/harness.ts';

let t: TestTend;
let ana: ApiClient;
let ben: ApiClient;
beforeAll(async () => {
  t = await createTestTend();
  ana = await t.user('agent', { name: 'Ana Agent' });
  ben = await t.user('agent', { name: 'Ben Agent' });
});
afterAll(() => t.close());

let seq = 0;
const newTicket = async (fields: Record<string, unknown> = {}) => {
  const res = await t.admin.post('/api/v1/tickets', {
    subject: `Ticket ${++seq}`,
    requester: { email: `views-${seq}@example.com` },
    message: { body: 'Help please' },
    ...fields,
  });
  expect(res.status).toBe(201);
  return res.body.ticket as { id: number };
};

type ViewWithCount = { id: number; name: string; count: number; shared: boolean };
const viewsOf = async (client: ApiClient) => (await client.get('/api/v1/views')).body.data as ViewWithCount[];
const named = (views: ViewWithCount[], name: string) => views.find((v) => v.name === name) as ViewWithCount;

describe('default shared views', () => {
  it('count per caller: "My open tickets" differs for two agents, shared counts agree', async () => {
    await newTicket({ assigneeId: ana.userId });
    await newTicket({ assigneeId: ana.userId, status: 'pending' });
    await newTicket({ assigneeId: ana.userId, status: 'solved' });
    await newTicket({ assigneeId: ben.userId });
    await newTicket({ priority: 'urgent' });
    await newTicket({ priority: 'urgent', status: 'closed' });

    const forAna = await viewsOf(ana);
    const forBen = await viewsOf(ben);
    expect(forAna.map((v) => v.name)).toEqual(['My open tickets', 'Unassigned', 'Urgent', 'All open', 'Recently solved']);
    expect(named(forAna, 'My open tickets').count).toBe(2);
    expect(named(forBen, 'My open tickets').count).toBe(1);
    expect(named(forAna, 'Unassigned').count).toBe(1);
    expect(named(forAna, 'Urgent').count).toBe(1);
    expect(named(forAna, 'All open').count).toBe(4);
    expect(named(forBen, 'Recently solved').count).toBe(1);
  });

  it('lists a view’s tickets for the caller, paged without repeats', async () => {
    const mine = new Set([(await newTicket({ assigneeId: ben.userId })).id, (await newTicket({ assigneeId: ben.userId })).id]);
    const view = named(await viewsOf(ben), 'My open tickets');
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: { data: { id: number; assignee: { id: number } }[]; nextCursor: string | null } } = await ben.get(
        `/api/v1/views/${view.id}/tickets?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((x) => {
        expect(x.assignee.id).toBe(ben.userId);
        return x.id;
      }));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(view.count);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of mine) expect(seen).toContain(id);
  });
});

describe('personal and shared views', () => {
  it('lets anyone keep personal views that only they see, and audits the changes', async () => {
    const created = await ana.post('/api/v1/views', { name: 'My urgent', filters: { assigneeId: 'me', priority: ['urgent'] } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ shared: false, ownerId: ana.userId, sort: 'updated_desc' });
    const id = created.body.id;
    await newTicket({ assigneeId: ana.userId, priority: 'urgent' });
    expect(named(await viewsOf(ana), 'My urgent').count).toBe(1);
    expect(named(await viewsOf(ben), 'My urgent')).toBeUndefined();
    expect((await ben.get(`/api/v1/views/${id}`)).status).toBe(404);
    expect((await ben.get(`/api/v1/views/${id}/tickets`)).status).toBe(404);
    expect((await ben.patch(`/api/v1/views/${id}`, { name: 'Mine now' })).status).toBe(404);
    expect((await ben.delete(`/api/v1/views/${id}`)).status).toBe(404);

    const renamed = await ana.patch(`/api/v1/views/${id}`, { name: 'Urgent for me', sort: 'created_asc' });
    expect(renamed.body).toMatchObject({ name: 'Urgent for me', sort: 'created_asc', filters: { assigneeId: 'me', priority: ['urgent'] } });
    expect((await ana.delete(`/api/v1/views/${id}`)).status).toBe(204);
    const audit = await t.admin.get(`/api/v1/audit?entityType=view&entityId=${id}`);
    expect(audit.body.data.map((e: { action: string }) => e.action)).toEqual(['view.deleted', 'view.updated', 'view.created']);
    expect(audit.body.data[1]).toMatchObject({ before: { name: 'My urgent' }, after: { name: 'Urgent for me' } });
  });

  it('lets only holders of views.manage_shared create, share, change or delete shared views', async () => {
    const denied = await ana.post('/api/v1/views', { name: 'Team queue', shared: true, filters: { status: ['open'] } });
    expect(denied.status).toBe(403);
    const shared = await t.admin.post('/api/v1/views', { name: 'Team queue', shared: true, filters: { status: ['open'] } });
    expect(shared.status).toBe(201);
    expect(shared.body).toMatchObject({ shared: true, ownerId: null });
    expect(named(await viewsOf(ana), 'Team queue')).toBeDefined();
    expect((await ana.patch(`/api/v1/views/${shared.body.id}`, { name: 'Hijacked' })).status).toBe(403);
    expect((await ana.delete(`/api/v1/views/${shared.body.id}`)).status).toBe(403);
    const defaults = named(await viewsOf(ana), 'Urgent');
    expect((await ana.patch(`/api/v1/views/${defaults.id}`, { filters: {} })).status).toBe(403);

    const personal = await ana.post('/api/v1/views', { name: 'Mine', filters: {} });
    expect((await ana.patch(`/api/v1/views/${personal.body.id}`, { shared: true })).status).toBe(403);
    const supervisor = await t.user('supervisor');
    const own = await supervisor.post('/api/v1/views', { name: 'To share', filters: { tag: ['vip'] } });
    const published = await supervisor.patch(`/api/v1/views/${own.body.id}`, { shared: true });
    expect(published.body).toMatchObject({ shared: true, ownerId: null });
    expect(named(await viewsOf(ben), 'To share')).toBeDefined();
  });

  it('names the field at fault in a bad view', async () => {
    const badStatus = await ana.post('/api/v1/views', { name: 'Bad', filters: { status: ['lost'] } });
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.error.field).toMatch(/^filters\.status/);
    const badSort = await ana.post('/api/v1/views', { name: 'Bad', filters: {}, sort: 'random' });
    expect(badSort.body.error.field).toBe('sort');
    const noName = await ana.post('/api/v1/views', { name: '  ', filters: {} });
    expect(noName.body.error.field).toBe('name');
  });
});
