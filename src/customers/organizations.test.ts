import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTend, type ApiClient, type TestTend } from '../testing/harness.ts';

let t: TestTend;
let agent: ApiClient;
let light: ApiClient;
beforeAll(async () => {
  t = await createTestTend();
  agent = await t.user('agent');
  light = await t.user('light_agent');
});
afterAll(() => t.close());

const newOrganization = (body: Record<string, unknown>) => agent.post('/api/v1/organizations', body);
const newCustomer = async (name: string, email?: string) => (await agent.post('/api/v1/customers', { name, ...(email && { emails: [email] }) })).body.id as number;

describe('organizations', () => {
  it('are created with normalised domains, audited and announced, and their names are unique regardless of case', async () => {
    const res = await newOrganization({ name: 'Globex Corporation', domains: ['Globex.example', '@globex-mail.example'], notes: 'Key account', attributes: { tier: 'gold' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Globex Corporation', domains: ['globex-mail.example', 'globex.example'], notes: 'Key account', attributes: { tier: 'gold' }, memberCount: 0 });
    const audit = (await t.admin.get(`/api/v1/audit?entityType=organization&entityId=${res.body.id}`)).body.data[0];
    expect(audit).toMatchObject({ action: 'organization.created', after: { name: 'Globex Corporation' } });
    const events = await t.db.query(`SELECT type FROM events WHERE payload->>'organizationId' = $1`, [String(res.body.id)]);
    expect(events.rows.map((r) => r.type)).toEqual(['organization.created']);

    const twin = await newOrganization({ name: 'GLOBEX corporation' });
    expect(twin.status).toBe(409);
    expect(twin.body.error.field).toBe('name');
  });

  it('names the field at fault: bad or already claimed domains, empty names, unknown ids, wrong roles', async () => {
    await newOrganization({ name: 'Claims', domains: ['claimed.example'] });
    expect((await newOrganization({ name: 'Bad Domain', domains: ['ok.example', 'not a domain'] })).body.error).toMatchObject({ code: 'validation', field: 'domains.1' });
    const claimed = await newOrganization({ name: 'Copycat', domains: ['CLAIMED.example'] });
    expect(claimed.status).toBe(409);
    expect(claimed.body.error.field).toBe('domains');
    expect((await newOrganization({ name: '  ' })).body.error.field).toBe('name');
    expect((await agent.get('/api/v1/organizations/99999999')).status).toBe(404);
    expect((await agent.patch('/api/v1/organizations/99999999', { notes: 'x' })).status).toBe(404);
    expect((await agent.delete('/api/v1/organizations/99999999')).status).toBe(404);
    expect((await light.post('/api/v1/organizations', { name: 'Light' })).status).toBe(403);
    expect((await light.get('/api/v1/organizations')).status).toBe(200);
  });

  it('records before and after on update, and lets an organization keep its own domains', async () => {
    const { id } = (await newOrganization({ name: 'Hooli', domains: ['hooli.example'] })).body;
    const res = await agent.patch(`/api/v1/organizations/${id}`, { name: 'Hooli XYZ', domains: ['hooli.example', 'hooli.xyz'] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Hooli XYZ', domains: ['hooli.example', 'hooli.xyz'] });
    const audit = (await t.admin.get(`/api/v1/audit?entityType=organization&entityId=${id}&action=organization.updated`)).body.data[0];
    expect(audit.before).toMatchObject({ name: 'Hooli', domains: ['hooli.example'] });
    expect(audit.after).toMatchObject({ name: 'Hooli XYZ', domains: ['hooli.example', 'hooli.xyz'] });
  });

  it('take in new customers whose email domain they own, and list their members with a count', async () => {
    const { id } = (await newOrganization({ name: 'Umbrella', domains: ['umbrella.example'] })).body;
    const viaTicket = (await agent.post('/api/v1/tickets', { subject: 'Hi', requester: { email: 'alice@UMBRELLA.example' }, message: { body: 'x' } })).body.ticket.requester.id;
    const byHand = await newCustomer('Chris', 'chris@umbrella.example');
    const outsider = await newCustomer('Jill', 'jill@stars.example');
    const optedOut = (await agent.post('/api/v1/customers', { name: 'Opted out', emails: ['ada@umbrella.example'], organizationId: null })).body;
    expect(optedOut.organization).toBeNull();

    const org = (await light.get(`/api/v1/organizations/${id}`)).body;
    expect(org.memberCount).toBe(2);
    expect(org.members.map((c: { id: number }) => c.id).sort()).toEqual([viaTicket, byHand].sort());
    expect((await light.get(`/api/v1/customers/${outsider}`)).body.organization).toBeNull();
  });

  it('assign customers explicitly, auditing each change, and refuse unknown customers', async () => {
    const { id } = (await newOrganization({ name: 'Stark Industries' })).body;
    const a = await newCustomer('Pepper');
    const b = await newCustomer('Happy');
    const res = await agent.post(`/api/v1/organizations/${id}/members`, { customerIds: [a, b, a] });
    expect(res.body).toEqual({ assigned: 2 });
    expect((await agent.post(`/api/v1/organizations/${id}/members`, { customerIds: [a] })).body).toEqual({ assigned: 0 });
    expect((await agent.get(`/api/v1/organizations/${id}`)).body.memberCount).toBe(2);
    const audit = (await t.admin.get(`/api/v1/audit?entityType=customer&entityId=${a}&action=customer.updated`)).body.data[0];
    expect(audit).toMatchObject({ before: { organizationId: null }, after: { organizationId: id } });
    const unknown = await agent.post(`/api/v1/organizations/${id}/members`, { customerIds: [a, 99999999] });
    expect(unknown.body.error.field).toBe('customerIds');
    expect((await agent.post('/api/v1/organizations/99999999/members', { customerIds: [a] })).status).toBe(404);
  });

  it('on delete, leave their members in no organization, each change audited', async () => {
    const { id } = (await newOrganization({ name: 'Cyberdyne' })).body;
    const member = await newCustomer('Miles');
    await agent.post(`/api/v1/organizations/${id}/members`, { customerIds: [member] });
    expect((await agent.delete(`/api/v1/organizations/${id}`)).status).toBe(204);
    expect((await agent.get(`/api/v1/customers/${member}`)).body.organization).toBeNull();
    expect((await agent.get(`/api/v1/organizations/${id}`)).status).toBe(404);
    const audit = (await t.admin.get(`/api/v1/audit?entityType=customer&entityId=${member}&action=customer.updated`)).body.data[0];
    expect(audit).toMatchObject({ before: { organizationId: id }, after: { organizationId: null } });
  });

  it('are searched typo-tolerantly by name or exactly by domain, and paged by cursor', async () => {
    const { id } = (await newOrganization({ name: 'Wayne Enterprises', domains: ['wayne.example'] })).body;
    expect((await light.get('/api/v1/organizations?q=Wayen%20Enterprizes')).body.data[0].id).toBe(id);
    expect((await light.get('/api/v1/organizations?q=WAYNE.example')).body.data[0].id).toBe(id);
    const seen: string[] = [];
    const firstCursor = (await light.get('/api/v1/organizations?limit=2')).body.nextCursor;
    let cursor: string | null = null;
    do {
      const page: { body: { data: { name: string }[]; nextCursor: string | null } } = await light.get(`/api/v1/organizations?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.data.map((o) => o.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    expect(seen).toContain('Wayne Enterprises');
    expect(new Set(seen).size).toBe(seen.length);
    expect((await light.get(`/api/v1/organizations?q=wayne&cursor=${firstCursor}`)).body.error.field).toBe('cursor');
  });
});
