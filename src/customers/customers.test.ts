import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTend, type ApiClient, type TestTend } from '../testing/harness.ts';

let t: TestTend;
let agent: ApiClient;
let light: ApiClient;
beforeAll(async () => {
  t = await createTestTend();
  agent = await t.user('agent', { name: 'Casey Agent' });
  light = await t.user('light_agent');
});
afterAll(() => t.close());

const newCustomer = (body: Record<string, unknown>, client: ApiClient = agent) => client.post('/api/v1/customers', body);
const count = async (table: string) => (await t.db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;
const ids = (res: { body: { data: { id: number }[] } }) => res.body.data.map((c) => c.id);

describe('creating customers', () => {
  it('stores every identity normalised, with canonical language and time zone, and audits and announces it', async () => {
    const res = await newCustomer({
      name: 'Ada Lovelace',
      emails: ['Ada@Analytical.example', 'ada.l@home.example'],
      phones: ['+44 20 7946 0958'],
      identities: [{ kind: 'messenger', value: 'psid-1234' }],
      language: 'en-gb',
      timeZone: 'europe/london',
      tags: ['VIP', 'early adopter', 'vip'],
      attributes: { plan: 'enterprise', seats: 40 },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Ada Lovelace', language: 'en-GB', timeZone: 'Europe/London', tags: ['early_adopter', 'vip'], attributes: { plan: 'enterprise', seats: 40 }, mergedIntoId: null });
    expect(res.body.identities.map((i: { kind: string; value: string; isPrimary: boolean }) => [i.kind, i.value, i.isPrimary])).toEqual([
      ['email', 'ada@analytical.example', true],
      ['email', 'ada.l@home.example', false],
      ['messenger', 'psid-1234', true],
      ['phone', '+442079460958', true],
    ]);
    const audit = await t.admin.get(`/api/v1/audit?entityType=customer&entityId=${res.body.id}`);
    expect(audit.body.data[0]).toMatchObject({ action: 'customer.created', actor: { userId: agent.userId }, after: { name: 'Ada Lovelace', language: 'en-GB' } });
    const events = await t.db.query(`SELECT type FROM events WHERE payload->>'customerId' = $1`, [String(res.body.id)]);
    expect(events.rows.map((r) => r.type)).toEqual(['customer.created']);
  });

  it('names the field at fault and writes nothing on bad input', async () => {
    const before = [await count('customers'), await count('customer_identities')];
    const cases: [Record<string, unknown>, string][] = [
      [{ emails: ['a@b.example'] }, 'name'],
      [{ name: '   ' }, 'name'],
      [{ name: 'X', emails: ['ok@x.example', 'not-an-email'] }, 'emails.1'],
      [{ name: 'X', phones: ['12'] }, 'phones.0'],
      [{ name: 'X', identities: [{ kind: 'pager', value: '1' }] }, 'identities.0.kind'],
      [{ name: 'X', language: 'not a language' }, 'language'],
      [{ name: 'X', timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
      [{ name: 'X', attributes: ['a', 'list'] }, 'attributes'],
      [{ name: 'X', organizationId: 99999999 }, 'organizationId'],
    ];
    for (const [body, field] of cases) {
      const res = await newCustomer(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'validation', field });
    }
    expect([await count('customers'), await count('customer_identities')]).toEqual(before);
  });

  it('refuses an address that is already someone else’s, naming it, and creates nothing', async () => {
    await newCustomer({ name: 'First Owner', emails: ['taken@example.com'] });
    const before = await count('customers');
    const res = await newCustomer({ name: 'Second', emails: ['free@example.com', 'TAKEN@example.com'] });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'conflict', field: 'emails.1' });
    expect(res.body.error.message).toContain('taken@example.com');
    expect(await count('customers')).toBe(before);
  });

  it('lets a light agent read customers but not change them', async () => {
    const created = await newCustomer({ name: 'Read Only', emails: ['ro@example.com'] });
    expect((await light.get(`/api/v1/customers/${created.body.id}`)).status).toBe(200);
    expect((await light.get('/api/v1/customers?q=Read')).status).toBe(200);
    expect((await newCustomer({ name: 'Nope' }, light)).status).toBe(403);
    expect((await light.patch(`/api/v1/customers/${created.body.id}`, { name: 'Changed' })).status).toBe(403);
    expect((await light.post(`/api/v1/customers/${created.body.id}/identities`, { kind: 'email', value: 'x@example.com' })).status).toBe(403);
    expect((await light.post(`/api/v1/customers/${created.body.id}/notes`, { body: 'hi' })).status).toBe(403);
  });
});

describe('one customer', () => {
  it('shows identities, organization, notes count and the tickets they requested, each leading to its messages', async () => {
    const org = await t.admin.post('/api/v1/organizations', { name: 'Initech' });
    const customer = (await newCustomer({ name: 'Peter Gibbons', emails: ['peter@initech.example'], organizationId: org.body.id })).body;
    const first = await agent.post('/api/v1/tickets', { subject: 'TPS reports', requester: { email: 'Peter@Initech.example' }, message: { body: 'New cover sheets?' } });
    const second = await agent.post('/api/v1/tickets', { subject: 'Stapler', requester: { email: 'peter@initech.example' }, message: { body: 'Where is it?' } });
    await agent.post(`/api/v1/customers/${customer.id}/notes`, { body: 'Prefers email' });

    const res = await light.get(`/api/v1/customers/${customer.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: customer.id, organization: { id: org.body.id, name: 'Initech' }, notesCount: 1, ticketCount: 2 });
    expect(res.body.identities).toEqual([expect.objectContaining({ kind: 'email', value: 'peter@initech.example' })]);
    expect(res.body.tickets.map((x: { id: number }) => x.id).sort()).toEqual([first.body.ticket.id, second.body.ticket.id].sort());
    const thread = await light.get(`/api/v1/tickets/${res.body.tickets[0].id}/messages`);
    expect(thread.body.data[0].author).toMatchObject({ type: 'customer', name: 'Peter Gibbons' });
  });

  it('answers 404 for an unknown customer', async () => {
    expect((await agent.get('/api/v1/customers/99999999')).status).toBe(404);
    expect((await agent.patch('/api/v1/customers/99999999', { name: 'x' })).status).toBe(404);
    expect((await agent.get('/api/v1/customers/99999999/notes')).status).toBe(404);
    expect((await agent.post('/api/v1/customers/99999999/identities', { kind: 'email', value: 'n@example.com' })).status).toBe(404);
  });
});

describe('updating customers', () => {
  it('records before and after, announces only what changed, and replaces tags and attributes', async () => {
    const { id } = (await newCustomer({ name: 'Grace', tags: ['a'], attributes: { plan: 'free', region: 'eu' } })).body;
    const res = await agent.patch(`/api/v1/customers/${id}`, { name: 'Grace Hopper', timeZone: 'America/New_York', tags: ['Navy'], attributes: { plan: 'pro' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Grace Hopper', timeZone: 'America/New_York', tags: ['navy'], attributes: { plan: 'pro' }, language: null });
    const audit = (await t.admin.get(`/api/v1/audit?entityType=customer&entityId=${id}&action=customer.updated`)).body.data[0];
    expect(audit.before).toMatchObject({ name: 'Grace', timeZone: null, tags: ['a'], attributes: { plan: 'free', region: 'eu' } });
    expect(audit.after).toMatchObject({ name: 'Grace Hopper', timeZone: 'America/New_York', tags: ['navy'], attributes: { plan: 'pro' } });
    const event = await t.db.query(`SELECT payload FROM events WHERE type = 'customer.updated' AND payload->>'customerId' = $1`, [String(id)]);
    expect(Object.keys(event.rows[0].payload.changes).sort()).toEqual(['attributes', 'name', 'tags', 'timeZone']);
    expect((await agent.patch(`/api/v1/customers/${id}`, { timeZone: 'Nowhere/Special' })).body.error.field).toBe('timeZone');
    expect((await agent.patch(`/api/v1/customers/${id}`, {})).status).toBe(400);
    expect((await agent.patch(`/api/v1/customers/${id}`, { language: null, timeZone: null })).body).toMatchObject({ language: null, timeZone: null });
  });
});

describe('identities', () => {
  it('adds and removes identities, keeping exactly one primary of each kind', async () => {
    const { id } = (await newCustomer({ name: 'Linus', emails: ['linus@old.example'] })).body;
    const added = await agent.post(`/api/v1/customers/${id}/identities`, { kind: 'email', value: 'Linus@New.example', primary: true });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ kind: 'email', value: 'linus@new.example', isPrimary: true });
    const emails = async () =>
      (await agent.get(`/api/v1/customers/${id}`)).body.identities.filter((i: { kind: string }) => i.kind === 'email').map((i: { value: string; isPrimary: boolean }) => [i.value, i.isPrimary]);
    expect(await emails()).toEqual([['linus@new.example', true], ['linus@old.example', false]]);

    expect((await agent.delete(`/api/v1/customers/${id}/identities/${added.body.id}`)).status).toBe(204);
    expect(await emails()).toEqual([['linus@old.example', true]]);
    const audit = (await t.admin.get(`/api/v1/audit?entityType=customer&entityId=${id}&action=customer.identity_removed`)).body.data[0];
    expect(audit.before.identities).toHaveLength(2);
    expect(audit.after.identities).toHaveLength(1);
  });

  it('answers 409 naming the field when the identity belongs to someone else, and 404 for another customer’s identity', async () => {
    const owner = (await newCustomer({ name: 'Owner', phones: ['+1 415 555 0100'] })).body;
    const other = (await newCustomer({ name: 'Other' })).body;
    const res = await agent.post(`/api/v1/customers/${other.id}/identities`, { kind: 'phone', value: '+14155550100' });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'conflict', field: 'value' });
    expect(res.body.error.message).toContain(`#${owner.id}`);
    const bad = await agent.post(`/api/v1/customers/${other.id}/identities`, { kind: 'email', value: 'nope' });
    expect(bad.body.error).toMatchObject({ code: 'validation', field: 'value' });
    expect((await agent.delete(`/api/v1/customers/${other.id}/identities/${owner.identities[0].id}`)).status).toBe(404);
  });
});

describe('notes', () => {
  it('are listed newest first, paged, and only their author may delete them', async () => {
    const other = await t.user('agent');
    const { id } = (await newCustomer({ name: 'Noted' })).body;
    const mine = [];
    for (const body of ['one', 'two', 'three']) mine.push((await agent.post(`/api/v1/customers/${id}/notes`, { body })).body);
    expect(mine[0]).toMatchObject({ body: 'one', author: { id: agent.userId, name: 'Casey Agent' } });
    const page1 = await light.get(`/api/v1/customers/${id}/notes?limit=2`);
    expect(page1.body.data.map((n: { body: string }) => n.body)).toEqual(['three', 'two']);
    const page2 = await light.get(`/api/v1/customers/${id}/notes?limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body).toEqual({ data: [expect.objectContaining({ body: 'one' })], nextCursor: null });

    expect((await other.delete(`/api/v1/customers/${id}/notes/${mine[1].id}`)).status).toBe(403);
    expect((await agent.delete(`/api/v1/customers/${id}/notes/${mine[1].id}`)).status).toBe(204);
    expect((await agent.delete(`/api/v1/customers/${id}/notes/${mine[1].id}`)).status).toBe(404);
    expect((await agent.get(`/api/v1/customers/${id}`)).body.notesCount).toBe(2);
    expect((await agent.post(`/api/v1/customers/${id}/notes`, { body: '  ' })).body.error.field).toBe('body');
  });
});

describe('searching', () => {
  let john: number;
  beforeAll(async () => {
    const org = await t.admin.post('/api/v1/organizations', { name: 'Smith & Sons' });
    john = (await newCustomer({ name: 'John Smith', emails: ['jon.smith@example.com'], phones: ['+49 30 1234567'], organizationId: org.body.id, tags: ['gold'] })).body.id;
    await newCustomer({ name: 'Johnny Smithers', emails: ['johnny@elsewhere.example'] });
    await newCustomer({ name: 'Jane Doe', emails: ['jane@doe.example'], tags: ['gold'] });
    await newCustomer({ name: 'Unrelated Person', emails: ['someone@other.example'], organizationId: org.body.id });
  });

  it('forgives typos in names: "Jonh Smiht" finds John Smith first', async () => {
    const res = await light.get('/api/v1/customers?q=Jonh%20Smiht');
    expect(res.status).toBe(200);
    expect(ids(res)[0]).toBe(john);
    expect(res.body.data.map((c: { name: string }) => c.name)).not.toContain('Jane Doe');
  });

  it('forgives typos in emails: "jon.smith@exmple" finds the address', async () => {
    const res = await light.get('/api/v1/customers?q=jon.smith@exmple');
    expect(ids(res)[0]).toBe(john);
  });

  it('ranks an exact identity first, however it was written, and finds identities by prefix', async () => {
    expect(ids(await light.get('/api/v1/customers?q=%2B49%2030%201234567'))[0]).toBe(john);
    expect(ids(await light.get('/api/v1/customers?q=JON.SMITH@EXAMPLE.COM'))[0]).toBe(john);
    expect(ids(await light.get('/api/v1/customers?q=jane@d'))).toContain((await t.db.query(`SELECT customer_id FROM customer_identities WHERE value = 'jane@doe.example'`)).rows[0].customer_id);
  });

  it('filters by organization and tag', async () => {
    const org = (await light.get(`/api/v1/customers/${john}`)).body.organization.id;
    const members = await light.get(`/api/v1/customers?organizationId=${org}`);
    expect(members.body.data.map((c: { name: string }) => c.name).sort()).toEqual(['John Smith', 'Unrelated Person']);
    const gold = await light.get('/api/v1/customers?tag=gold&q=smith');
    expect(ids(gold)).toEqual([john]);
  });

  it('pages by cursor without gaps or repeats, in both the newest-first and the ranked order', async () => {
    const pagers: number[] = [];
    for (let i = 0; i < 7; i++) pagers.push((await newCustomer({ name: `Pager Person ${i}`, emails: [`pager${i}@paging.example`], tags: ['paging'] })).body.id);
    for (const query of ['tag=paging', 'q=pager%20person']) {
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { data: { id: number }[]; nextCursor: string | null } } = await light.get(`/api/v1/customers?${query}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...ids(page));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(new Set(seen).size, query).toBe(seen.length);
      expect(seen, query).toEqual(expect.arrayContaining(pagers));
    }
    expect((await light.get('/api/v1/customers?cursor=garbage')).body.error.field).toBe('cursor');
  });
});
