import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestTend } from '../testing/harness.ts';
import { type MailSink, PortalClient, startPortalTend } from './portal-test-helpers.ts';

let t: TestTend;
let sink: MailSink;
let base: string;
let agent: ApiClient;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ t, sink, base, close } = await startPortalTend());
  agent = await t.user('agent');
});
afterAll(() => close());

const idOf = (location: string | null) => Number(/\/portal\/requests\/(\d+)$/.exec(location ?? '')?.[1]);

async function newRequest(c: PortalClient, subject: string, body: string, files: { name: string; content: string }[] = []): Promise<number> {
  const form = await c.get('/portal/requests/new');
  const attemptId = /name="attemptId" value="(\d+)"/.exec(form.text)?.[1] ?? '';
  const data = new FormData();
  data.set('_csrf', c.csrf);
  data.set('attemptId', attemptId);
  data.set('subject', subject);
  data.set('body', body);
  for (const f of files) data.append('files', new Blob([f.content], { type: 'text/plain' }), f.name);
  const res = await c.post('/portal/requests', data);
  expect(res.status).toBe(303);
  return idOf(res.location);
}

describe('magic-link sign-in', () => {
  it('mails a single-use link, keeps only its hash, and opens a portal session that the agent API does not accept', async () => {
    const c = new PortalClient(base);
    expect((await c.get('/portal/requests')).status).toBe(401);
    const asked = await c.post('/portal/sign-in', { email: 'Dana@Example.org' });
    expect(asked.text).toContain('Check your email');
    const mail = sink.lastTo('dana@example.org');
    expect(mail?.subject).toContain('sign-in link');
    const token = /\/portal\/sign-in\/(\S+)/.exec(mail?.text ?? '')?.[1] as string;
    const stored = await t.db.query(`SELECT token_hash FROM portal_sign_in_links WHERE email = 'dana@example.org'`);
    expect(stored.rows[0].token_hash).not.toContain(token);
    // Opening the link (as a mail scanner would) does not use it up.
    expect((await c.get(`/portal/sign-in/${token}`)).text).toContain('Continue as <strong>dana@example.org</strong>');
    const confirmed = await c.post('/portal/sign-in/confirm', { token });
    expect(confirmed.status).toBe(303);
    expect((await c.get('/portal/requests')).status).toBe(200);
    expect((await c.get(`/portal/sign-in/${token}`)).status).toBe(410);
    expect((await new PortalClient(base).post('/portal/sign-in/confirm', { token })).status).toBe(401);
    expect((await c.get('/api/v1/tickets')).status).toBe(401);
  });

  it('refuses an expired link', async () => {
    const c = new PortalClient(base);
    await c.post('/portal/sign-in', { email: 'late@example.org' });
    const token = /\/portal\/sign-in\/(\S+)/.exec(sink.lastTo('late@example.org')?.text ?? '')?.[1] as string;
    await t.db.query(`UPDATE portal_sign_in_links SET expires_at = now() - interval '1 minute' WHERE email = 'late@example.org'`);
    expect((await c.post('/portal/sign-in/confirm', { token })).status).toBe(401);
  });

  it('rejects a malformed address naming the field', async () => {
    const res = await new PortalClient(base).post('/portal/sign-in', { email: 'not-an-address' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('email');
  });
});

describe('requests', () => {
  it('shows the customer their tickets from every channel with agents’ replies, never internal notes', async () => {
    const emailed = (await agent.post('/api/v1/tickets', { subject: 'Printer on fire', channel: 'email', requester: { email: 'erin@example.org' }, message: { body: 'Help!' } })).body.ticket;
    await agent.post(`/api/v1/tickets/${emailed.id}/messages`, { body: 'Unplug it, please.' });
    await agent.post(`/api/v1/tickets/${emailed.id}/messages`, { body: 'SECRET internal note', internal: true });
    const c = new PortalClient(base);
    await c.signIn('erin@example.org', sink);
    expect((await c.get('/portal/requests')).text).toContain('Printer on fire');
    const page = await c.get(`/portal/requests/${emailed.id}`);
    expect(page.text).toContain('Unplug it, please.');
    expect(page.text).not.toContain('SECRET internal note');
  });

  it('creates a request with attachments, takes replies, and the agent sees both', async () => {
    const c = new PortalClient(base);
    await c.signIn('fay@example.org', sink);
    const id = await newRequest(c, 'Invoice is wrong', 'The total is off by <b>10</b>.', [{ name: 'invoice.txt', content: 'total: 110' }]);
    const ticket = (await agent.get(`/api/v1/tickets/${id}`)).body;
    expect(ticket).toMatchObject({ subject: 'Invoice is wrong', channel: 'portal', requester: { email: 'fay@example.org' } });
    const thread = (await agent.get(`/api/v1/tickets/${id}/messages`)).body.data;
    expect(thread[0]).toMatchObject({ body: 'The total is off by <b>10</b>.', author: { type: 'customer' }, attachments: [{ filename: 'invoice.txt' }] });
    const page = await c.get(`/portal/requests/${id}`);
    expect(page.text).toContain('The total is off by &lt;b&gt;10&lt;/b&gt;.');
    const attachmentId = thread[0].attachments[0].id;
    expect((await c.get(`/portal/requests/${id}/attachments/${attachmentId}`)).text).toBe('total: 110');

    const reply = new FormData();
    reply.set('_csrf', c.csrf);
    reply.set('body', 'Any news?');
    expect((await c.post(`/portal/requests/${id}/replies`, reply)).status).toBe(303);
    const after = (await agent.get(`/api/v1/tickets/${id}/messages`)).body.data;
    expect(after.at(-1)).toMatchObject({ body: 'Any news?', author: { type: 'customer' }, channel: 'portal' });
  });

  it('refuses a form without the session’s CSRF token', async () => {
    const c = new PortalClient(base);
    await c.signIn('gil@example.org', sink);
    const data = new FormData();
    data.set('_csrf', 'forged');
    data.set('subject', 'x');
    data.set('body', 'y');
    expect((await c.post('/portal/requests', data)).status).toBe(403);
  });

  it('never shows one customer another’s ticket, reply or attachment, whatever the id', async () => {
    const owner = new PortalClient(base);
    await owner.signIn('hal@example.org', sink);
    const id = await newRequest(owner, 'Private matter', 'My secret', [{ name: 'secret.txt', content: 'secret' }]);
    const attachmentId = (await agent.get(`/api/v1/tickets/${id}/messages`)).body.data[0].attachments[0].id;
    const intruder = new PortalClient(base);
    await intruder.signIn('ida@example.org', sink);
    for (const path of [`/portal/requests/${id}`, `/portal/requests/${id}/attachments/${attachmentId}`, `/portal/requests/999999`]) {
      const res = await intruder.get(path);
      expect(res.status, path).toBe(404);
      expect(res.text).not.toContain('My secret');
    }
    const reply = new FormData();
    reply.set('_csrf', intruder.csrf);
    reply.set('body', 'sneaky');
    expect((await intruder.post(`/portal/requests/${id}/replies`, reply)).status).toBe(404);
    const own = await newRequest(intruder, 'Mine', 'hello');
    expect((await intruder.get(`/portal/requests/${own}/attachments/${attachmentId}`)).status).toBe(404);
    expect((await intruder.get('/portal/requests')).text).not.toContain('Private matter');
  });

  it('lets an organization’s manager see its members’ tickets, and only its own organization’s', async () => {
    const org = (await t.admin.post('/api/v1/organizations', { name: 'Initech', domains: ['initech.test'] })).body;
    await t.admin.post('/api/v1/organizations', { name: 'Globex', domains: ['globex.test'] });
    const [boss, peter, other] = [new PortalClient(base), new PortalClient(base), new PortalClient(base)];
    await boss.signIn('bill@initech.test', sink);
    await peter.signIn('peter@initech.test', sink);
    await other.signIn('hank@globex.test', sink);
    const peters = await newRequest(peter, 'TPS report cover sheet', 'Which one?');
    const hanks = await newRequest(other, 'Globex matter', 'x');
    expect((await boss.get(`/portal/requests/${peters}`)).status).toBe(404);

    const bill = (await agent.get('/api/v1/customers?q=bill@initech.test')).body.data[0];
    expect((await agent.put(`/api/v1/organizations/${org.id}/portal-managers/${bill.id}`)).status).toBe(204);
    const hank = (await agent.get('/api/v1/customers?q=hank@globex.test')).body.data[0];
    expect((await agent.put(`/api/v1/organizations/${org.id}/portal-managers/${hank.id}`)).body.error.field).toBe('customerId');

    expect((await boss.get('/portal/requests?scope=organization')).text).toContain('TPS report cover sheet');
    expect((await boss.get('/portal/requests')).text).not.toContain('TPS report cover sheet');
    expect((await boss.get(`/portal/requests/${peters}`)).status).toBe(200);
    expect((await boss.get(`/portal/requests/${hanks}`)).status).toBe(404);
    expect((await peter.get('/portal/requests?scope=organization')).text).not.toContain('Bill');
    expect((await agent.delete(`/api/v1/organizations/${org.id}/portal-managers/${bill.id}`)).status).toBe(204);
    expect((await boss.get(`/portal/requests/${peters}`)).status).toBe(404);
  });
});

describe('deflection', () => {
  it('suggests articles while typing and counts a request abandoned after reading one as deflected', async () => {
    const editor = await t.user('supervisor');
    const article = (await editor.post('/api/v1/knowledge/articles', { status: 'published', title: 'Change your shipping address', bodyHtml: '<p>Open Orders, choose the order and edit the shipping address.</p>' })).body;
    const c = new PortalClient(base);
    await c.signIn('jo@example.org', sink);
    const form = await c.get('/portal/requests/new');
    const attemptId = Number(/name="attemptId" value="(\d+)"/.exec(form.text)?.[1]);
    expect((await c.postJson('/portal/suggestions', { attemptId })).status).toBe(400);
    const res = await c.postJson('/portal/suggestions', { attemptId, text: 'How do I change the shiping adress of my order' });
    const body = JSON.parse(res.text);
    expect(body.data).toEqual([{ id: article.id, title: 'Change your shipping address', url: `/portal/suggested/${attemptId}/${article.id}` }]);
    const opened = await c.get(body.data[0].url);
    expect(opened.location).toBe(`/help/en/articles/${article.id}-change-your-shipping-address`);

    // A second customer reads the same suggestion but submits anyway.
    const d = new PortalClient(base);
    await d.signIn('kai@example.org', sink);
    const form2 = await d.get('/portal/requests/new');
    const attempt2 = Number(/name="attemptId" value="(\d+)"/.exec(form2.text)?.[1]);
    await d.postJson('/portal/suggestions', { attemptId: attempt2, text: 'shipping address' });
    await d.get(`/portal/suggested/${attempt2}/${article.id}`);
    const data = new FormData();
    for (const [k, v] of Object.entries({ _csrf: d.csrf, attemptId: String(attempt2), subject: 'Address', body: 'Still stuck' })) data.set(k, v);
    expect((await d.post('/portal/requests', data)).status).toBe(303);

    await t.db.query(`UPDATE portal_request_attempts SET updated_at = now() - interval '1 hour'`);
    const report = await t.admin.get('/api/v1/portal/deflections');
    expect(report.body.data).toContainEqual({ articleId: article.id, suggested: 2, opened: 2, deflected: 1, submittedAnyway: 1 });
    expect((await agent.get('/api/v1/portal/deflections')).status).toBe(403);
  });

  it('offers signed-in customers the articles meant for customers, which the public help center does not show', async () => {
    const editor = await t.user('supervisor');
    const article = (await editor.post('/api/v1/knowledge/articles', { status: 'published', visibility: 'customers', title: 'Warranty claims for customers', bodyHtml: '<p>Send the warranty claim form with your serial number.</p>' })).body;
    const internal = (await editor.post('/api/v1/knowledge/articles', { status: 'published', visibility: 'internal', title: 'Warranty claim override', bodyHtml: '<p>Agents may override a warranty claim.</p>' })).body;
    const c = new PortalClient(base);
    await c.signIn('lou@example.org', sink);
    const form = await c.get('/portal/requests/new');
    const attemptId = Number(/name="attemptId" value="(\d+)"/.exec(form.text)?.[1]);
    const suggested = JSON.parse((await c.postJson('/portal/suggestions', { attemptId, text: 'warranty claim' })).text).data;
    expect(suggested.map((a: { title: string }) => a.title)).toEqual(['Warranty claims for customers']);
    const opened = await c.get(suggested[0].url);
    expect(opened.location).toBe(`/portal/articles/${article.id}`);
    expect((await c.get(`/portal/articles/${article.id}`)).text).toContain('Send the warranty claim form');
    expect((await c.get(`/portal/articles/${internal.id}`)).status).toBe(404);
    expect((await new PortalClient(base).get(`/portal/articles/${article.id}`)).status).toBe(401);
    expect((await fetch(`${base}/help/en/articles/${article.id}-warranty-claims-for-customers`)).status).toBe(404);
  });
});
