import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../auth/index.ts';
import { createTestTend, type ApiClient, type TestTend } from '../testing/harness.ts';
import { addMessage, assignUnassignedTickets } from './index.ts';

let t: TestTend;
let agent: ApiClient;
beforeAll(async () => {
  t = await createTestTend();
  agent = await t.user('agent', { name: 'Alex Agent' });
});
afterAll(() => t.close());

const newTicket = (client: ApiClient, over: Record<string, unknown> = {}) =>
  client.post('/api/v1/tickets', {
    subject: 'Cannot log in',
    requester: { email: 'Jo.Customer@Example.com', name: 'Jo Customer' },
    message: { body: 'I get an error when I sign in.' },
    ...over,
  });

const count = async (table: string) => (await t.db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;

describe('creating tickets', () => {
  it('opens a ticket from the customer, resolves the requester by email, records audit and events', async () => {
    const res = await newTicket(agent, { tags: ['Login', 'login', 'VIP customer'], priority: 'high', channel: 'email' });
    expect(res.status).toBe(201);
    const { ticket, messageId } = res.body;
    expect(ticket).toMatchObject({ subject: 'Cannot log in', status: 'new', priority: 'high', channel: 'email', tags: ['login', 'vip_customer'] });
    expect(ticket.requester).toMatchObject({ name: 'Jo Customer', email: 'jo.customer@example.com' });

    const again = await newTicket(agent, { requester: { email: 'jo.customer@EXAMPLE.com' } });
    expect(again.body.ticket.requester.id).toBe(ticket.requester.id);

    const thread = await agent.get(`/api/v1/tickets/${ticket.id}/messages`);
    expect(thread.body.data).toHaveLength(1);
    expect(thread.body.data[0]).toMatchObject({ id: messageId, internal: false, author: { type: 'customer', name: 'Jo Customer' } });

    const audit = await agent.get(`/api/v1/tickets/${ticket.id}/audit`);
    expect(audit.body.data[0]).toMatchObject({ action: 'ticket.created', actor: { userId: agent.userId } });
    const events = await t.db.query(`SELECT type FROM events WHERE payload->>'ticketId' = $1 ORDER BY id`, [String(ticket.id)]);
    expect(events.rows.map((r) => r.type)).toEqual(['ticket.created', 'message.created']);
  });

  it('names the field at fault and writes nothing on bad input', async () => {
    const before = [await count('tickets'), await count('customers')];
    const missing = await agent.post('/api/v1/tickets', { requester: { email: 'a@b.example' }, message: { body: 'x' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.field).toBe('subject');
    const badEmail = await newTicket(agent, { requester: { email: 'not-an-email' } });
    expect(badEmail.body.error).toMatchObject({ code: 'validation', field: 'requester.email' });
    const noIdentity = await newTicket(agent, { requester: { name: 'Nobody' } });
    expect(noIdentity.body.error.field).toBe('requester');
    const badPriority = await newTicket(agent, { priority: 'critical' });
    expect(badPriority.body.error.field).toBe('priority');
    const emptyBody = await newTicket(agent, { requester: { email: 'fresh@example.com' }, message: { body: '  ' } });
    expect(emptyBody.body.error.field).toBe('message.body');
    const unknownTeam = await newTicket(agent, { requester: { email: 'fresh2@example.com' }, teamId: 999999 });
    expect(unknownTeam.body.error.field).toBe('teamId');
    expect([await count('tickets'), await count('customers')]).toEqual(before);
  });

  it('sanitises HTML on the way in and keeps the original for audit', async () => {
    const html = '<p onclick="steal()">Hi <a href="javascript:alert(1)">there</a><script>alert(1)</script><img src="x" onerror="boom()"></p>';
    const res = await newTicket(agent, { requester: { email: 'html@example.com' }, message: { html } });
    const thread = await agent.get(`/api/v1/tickets/${res.body.ticket.id}/messages`);
    const message = thread.body.data[0];
    expect(message.html).not.toMatch(/script|onclick|onerror|javascript:/i);
    expect(message.html).toContain('Hi');
    expect(message.body).toBe('Hi there');
    const stored = await t.db.query('SELECT original_html FROM messages WHERE id = $1', [message.id]);
    expect(stored.rows[0].original_html).toBe(html);
  });

  it('stores attachments in Postgres and serves them back', async () => {
    const data = Buffer.from('%PDF-1.4 fake invoice');
    const res = await newTicket(agent, {
      requester: { email: 'files@example.com' },
      message: { body: 'invoice attached', attachments: [{ filename: 'invoice 1.pdf', contentType: 'application/pdf', data: data.toString('base64') }] },
    });
    const thread = await agent.get(`/api/v1/tickets/${res.body.ticket.id}/messages`);
    const [file] = thread.body.data[0].attachments;
    expect(file).toMatchObject({ filename: 'invoice 1.pdf', contentType: 'application/pdf', size: data.length });
    const download = await t.app.inject({ method: 'GET', url: `/api/v1/attachments/${file.id}`, headers: { authorization: `Bearer ${agent.token}` } });
    expect(download.rawPayload.equals(data)).toBe(true);
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''invoice%201.pdf");
  });

  it('answers 413 for a body over the limit', async () => {
    const res = await newTicket(agent, { message: { body: 'x'.repeat(31 * 1024 * 1024) } });
    expect(res.status).toBe(413);
  });

  it('honours Idempotency-Key: a retry returns the first answer and creates nothing new', async () => {
    const body = { subject: 'Retry me', requester: { email: 'retry@example.com' }, message: { body: 'once' } };
    const first = await agent.post('/api/v1/tickets', body, { 'idempotency-key': 'abc-123' });
    const second = await agent.post('/api/v1/tickets', body, { 'idempotency-key': 'abc-123' });
    expect(second.status).toBe(201);
    expect(second.body.ticket.id).toBe(first.body.ticket.id);
    expect(second.headers['idempotent-replayed']).toBe('true');
    const other = await agent.post('/api/v1/tickets', { ...body, subject: 'Another' }, { 'idempotency-key': 'abc-123' });
    expect(other.status).toBe(409);
    const n = await t.db.query(`SELECT count(*)::int AS n FROM tickets WHERE subject = 'Retry me'`);
    expect(n.rows[0].n).toBe(1);
  });

  it('opens tickets asked for at the same moment in shared transactions, each with its own requester, thread and answer', async () => {
    const asks = Array.from({ length: 10 }, (_, i) => ({
      subject: `Batch ${i}`,
      // Two first contacts from one new address, and the rest from addresses of their own.
      requester: { email: i < 2 ? 'twin@batch.example' : `batch${i}@batch.example`, name: `Batcher ${i}` },
      message: { body: `Body of batch ${i}` },
    }));
    const answers = await Promise.all(asks.map((body) => agent.post('/api/v1/tickets', body)));
    expect(answers.map((a) => a.status)).toEqual(asks.map(() => 201));
    const ids = answers.map((a) => a.body.ticket.id as number);
    expect(answers.map((a) => a.body.ticket.subject)).toEqual(asks.map((a) => a.subject));
    const written = await t.db.query(
      `SELECT t.id, t.xmin::text AS tx, m.id AS message_id, m.body, i.value AS email
         FROM tickets t JOIN messages m ON m.ticket_id = t.id JOIN customer_identities i ON i.customer_id = t.requester_id
        WHERE t.id = ANY($1::bigint[]) ORDER BY t.id`,
      [ids],
    );
    const expected = answers.map((a, i) => [a.body.ticket.id, a.body.messageId, `Body of batch ${i}`, asks[i]?.requester.email]);
    expect(written.rows.map((r) => [r.id, r.message_id, r.body, r.email])).toEqual(expected.sort((a, b) => (a[0] as number) - (b[0] as number)));
    expect(new Set(written.rows.map((r) => r.tx)).size).toBeLessThan(ids.length);
    expect(answers[0]?.body.ticket.requester.id).toBe(answers[1]?.body.ticket.requester.id);
    const twins = await t.db.query(`SELECT count(*)::int AS n FROM events WHERE type = 'customer.created' AND payload->'customer'->'identities'->0->>'value' = 'twin@batch.example'`);
    expect(twins.rows[0].n).toBe(1);
    const audits = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'ticket.created' AND actor_user_id = $1 AND entity_id = ANY($2::text[])`, [agent.userId, ids.map(String)]);
    expect(audits.rows[0].n).toBe(ids.length);
  });

  it('still opens the good tickets of a batch that holds a bad one, and names the bad one\'s field', async () => {
    const asks = Array.from({ length: 6 }, (_, i) => ({
      subject: `Mixed ${i}`,
      requester: { email: `mixed${i}@batch.example` },
      message: { body: `Mixed body ${i}` },
      ...(i === 3 ? { teamId: 999999 } : {}),
    }));
    const answers = await Promise.all(asks.map((body) => agent.post('/api/v1/tickets', body)));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 400, 201, 201]);
    expect(answers[3]?.body.error.field).toBe('teamId');
    const opened = await t.db.query(`SELECT subject FROM tickets WHERE subject LIKE 'Mixed %' ORDER BY subject`);
    expect(opened.rows.map((r) => r.subject)).toEqual(['Mixed 0', 'Mixed 1', 'Mixed 2', 'Mixed 4', 'Mixed 5']);
    const strays = await t.db.query(`SELECT count(*)::int AS n FROM customer_identities WHERE value = 'mixed3@batch.example'`);
    expect(strays.rows[0].n).toBe(0);
  });
});

describe('the thread', () => {
  it('counts the first public agent reply as first response and opens a new ticket; notes do not', async () => {
    const { ticket } = (await newTicket(agent, { requester: { email: 'thread@example.com' } })).body;
    const note = await agent.post(`/api/v1/tickets/${ticket.id}/messages`, { body: 'Checking logs', internal: true });
    expect(note.status).toBe(201);
    expect((await agent.get(`/api/v1/tickets/${ticket.id}`)).body).toMatchObject({ status: 'new', firstResponseAt: null });
    const reply = await agent.post(`/api/v1/tickets/${ticket.id}/messages`, { body: 'Try resetting your password', status: 'pending' });
    expect(reply.body).toMatchObject({ internal: false, author: { type: 'agent', id: agent.userId, name: 'Alex Agent' } });
    const after = (await agent.get(`/api/v1/tickets/${ticket.id}`)).body;
    expect(after.status).toBe('pending');
    expect(after.firstResponseAt).not.toBeNull();
  });

  it('reopens a pending ticket when the customer writes back', async () => {
    const { ticket } = (await newTicket(agent, { requester: { email: 'back@example.com' }, status: 'pending' })).body;
    await addMessage({ db: t.db, actor: systemActor }, ticket.id, { author: 'customer', body: 'Still broken', channel: 'email' });
    expect((await agent.get(`/api/v1/tickets/${ticket.id}`)).body.status).toBe('open');
  });

  it('lets a light agent add notes but not reply, create or change tickets', async () => {
    const light = await t.user('light_agent');
    const { ticket } = (await newTicket(agent, { requester: { email: 'light@example.com' } })).body;
    expect((await light.post(`/api/v1/tickets/${ticket.id}/messages`, { body: 'fyi', internal: true })).status).toBe(201);
    expect((await light.post(`/api/v1/tickets/${ticket.id}/messages`, { body: 'hello customer' })).status).toBe(403);
    expect((await light.patch(`/api/v1/tickets/${ticket.id}`, { status: 'solved' })).status).toBe(403);
    expect((await newTicket(light)).status).toBe(403);
  });

  it('refuses replies to a closed ticket', async () => {
    const { ticket } = (await newTicket(agent, { requester: { email: 'closed@example.com' } })).body;
    await agent.patch(`/api/v1/tickets/${ticket.id}`, { status: 'closed' });
    const res = await agent.post(`/api/v1/tickets/${ticket.id}/messages`, { body: 'late' });
    expect(res.status).toBe(409);
  });
});

describe('updating tickets', () => {
  it('records before and after in the audit log and stamps solvedAt', async () => {
    const { ticket } = (await newTicket(agent, { requester: { email: 'upd@example.com' }, tags: ['a'] })).body;
    const res = await agent.patch(`/api/v1/tickets/${ticket.id}`, { status: 'solved', priority: 'urgent', addTags: ['b'], removeTags: ['a'], assigneeId: agent.userId });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'solved', priority: 'urgent', tags: ['b'], assignee: { id: agent.userId } });
    expect(res.body.solvedAt).not.toBeNull();
    const audit = (await agent.get(`/api/v1/tickets/${ticket.id}/audit`)).body.data[0];
    expect(audit).toMatchObject({
      action: 'ticket.updated',
      before: { status: 'new', priority: 'normal', tags: ['a'], assigneeId: null },
      after: { status: 'solved', priority: 'urgent', tags: ['b'], assigneeId: agent.userId },
    });
  });

  it('answers 404 for an unknown ticket and 400 for an unknown assignee', async () => {
    expect((await agent.get('/api/v1/tickets/99999999')).status).toBe(404);
    const { ticket } = (await newTicket(agent, { requester: { email: 'x404@example.com' } })).body;
    const res = await agent.patch(`/api/v1/tickets/${ticket.id}`, { assigneeId: 99999999 });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('assigneeId');
    expect((await agent.patch(`/api/v1/tickets/${ticket.id}`, {})).status).toBe(400);
  });
});

describe('listing', () => {
  it('filters by status, assignee, tag and full text, and pages by cursor without gaps or repeats', async () => {
    const mine: number[] = [];
    for (let i = 0; i < 7; i++) {
      const { ticket } = (await newTicket(agent, { subject: `Refund request ${i}`, requester: { email: `list${i}@example.com` }, tags: ['refund'], assigneeId: agent.userId })).body;
      mine.push(ticket.id);
    }
    await agent.post(`/api/v1/tickets/${mine[3]}/messages`, { body: 'The parcel arrived crushed by the courier' });

    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: { id: number }[]; nextCursor: string | null } } = await agent.get(`/api/v1/tickets?assigneeId=me&tag=refund&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.data.map((x) => x.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([...mine].sort());

    const text = await agent.get('/api/v1/tickets?q=courier');
    expect(text.body.data.map((x: { id: number }) => x.id)).toEqual([mine[3]]);
    const byNumber = await agent.get(`/api/v1/tickets?q=%23${mine[2]}`);
    expect(byNumber.body.data.map((x: { id: number }) => x.id)).toEqual([mine[2]]);
    const open = await agent.get('/api/v1/tickets?status=open&status=pending&assigneeId=me');
    expect(open.body.data.every((x: { status: string }) => ['open', 'pending'].includes(x.status))).toBe(true);
    const unassigned = await agent.get('/api/v1/tickets?assigneeId=none&limit=100');
    expect(unassigned.body.data.some((x: { id: number }) => mine.includes(x.id))).toBe(false);
    expect((await agent.get('/api/v1/tickets?cursor=garbage')).body.error.field).toBe('cursor');
  });
});

describe('merge, split and links', () => {
  it('merges duplicates: messages move, tags join, sources close pointing at the target', async () => {
    const a = (await newTicket(agent, { subject: 'Printer broken', requester: { email: 'dup@example.com' }, tags: ['printer'] })).body.ticket;
    const b = (await newTicket(agent, { subject: 'Printer still broken', requester: { email: 'dup@example.com' }, tags: ['urgent_fix'] })).body.ticket;
    const res = await agent.post(`/api/v1/tickets/${a.id}/merge`, { sourceIds: [b.id] });
    expect(res.status).toBe(200);
    expect(res.body.tags).toEqual(['printer', 'urgent_fix']);
    const thread = (await agent.get(`/api/v1/tickets/${a.id}/messages`)).body.data;
    expect(thread.filter((m: { author: { type: string } }) => m.author.type === 'customer')).toHaveLength(2);
    expect(thread.at(-1).body).toContain(`#${b.id}`);
    const source = (await agent.get(`/api/v1/tickets/${b.id}`)).body;
    expect(source).toMatchObject({ status: 'closed', mergedIntoId: a.id });
    expect((await agent.post(`/api/v1/tickets/${a.id}/merge`, { sourceIds: [b.id] })).status).toBe(409);
    expect((await agent.post(`/api/v1/tickets/${a.id}/merge`, { sourceIds: [a.id] })).body.error.field).toBe('sourceIds');
  });

  it('splits a message into a new linked ticket', async () => {
    const { ticket } = (await newTicket(agent, { requester: { email: 'split@example.com' } })).body;
    const second = await addMessage({ db: t.db, actor: systemActor }, ticket.id, { author: 'customer', body: 'Also: how do I export invoices?' });
    const res = await agent.post(`/api/v1/messages/${second.id}/split`, {});
    expect(res.status).toBe(201);
    expect(res.body.subject).toBe('Also: how do I export invoices?');
    const moved = (await agent.get(`/api/v1/tickets/${res.body.id}/messages`)).body.data;
    expect(moved.map((m: { id: number }) => m.id)).toEqual([second.id]);
    const links = (await agent.get(`/api/v1/tickets/${ticket.id}/links`)).body.data;
    expect(links).toEqual([expect.objectContaining({ ticketId: res.body.id, kind: 'split_from' })]);
  });

  it('links and unlinks related tickets', async () => {
    const a = (await newTicket(agent, { requester: { email: 'l1@example.com' } })).body.ticket;
    const b = (await newTicket(agent, { requester: { email: 'l2@example.com' } })).body.ticket;
    expect((await agent.post(`/api/v1/tickets/${a.id}/links`, { ticketId: b.id })).status).toBe(204);
    expect((await agent.get(`/api/v1/tickets/${b.id}/links`)).body.data[0]).toMatchObject({ ticketId: a.id, kind: 'related' });
    expect((await agent.delete(`/api/v1/tickets/${a.id}/links/${b.id}`)).status).toBe(204);
    expect((await agent.get(`/api/v1/tickets/${b.id}/links`)).body.data).toEqual([]);
  });
});

describe('custom fields on tickets', () => {
  it('accepts a ticket without required fields but refuses to solve it until they are filled', async () => {
    await t.db.query(`INSERT INTO custom_fields (key, label, type, required, options) VALUES ('product', 'Product', 'dropdown', true, '{Widget,Gadget}')`);
    try {
      const { ticket } = (await newTicket(agent, { requester: { email: 'cf@example.com' } })).body;
      expect(ticket.customFields).toEqual({});
      const refused = await agent.patch(`/api/v1/tickets/${ticket.id}`, { status: 'solved' });
      expect(refused.status).toBe(400);
      expect(refused.body.error.field).toBe('customFields.product');
      const wrong = await agent.patch(`/api/v1/tickets/${ticket.id}`, { customFields: { product: 'Gizmo' } });
      expect(wrong.body.error.field).toBe('customFields.product');
      const solved = await agent.patch(`/api/v1/tickets/${ticket.id}`, { status: 'solved', customFields: { product: 'Widget' } });
      expect(solved.body).toMatchObject({ status: 'solved', customFields: { product: 'Widget' } });
    } finally {
      await t.db.query(`DELETE FROM custom_fields WHERE key = 'product'`);
    }
  });
});

describe('assigning many tickets at once', () => {
  it('assigns only tickets still free, opens new ones, and audits and announces each like a single update', async () => {
    const [free, taken, solved] = (await Promise.all([newTicket(agent), newTicket(agent), newTicket(agent)])).map((x) => x.body.ticket.id as number) as [number, number, number];
    await agent.patch(`/api/v1/tickets/${taken}`, { assigneeId: agent.userId });
    await agent.patch(`/api/v1/tickets/${solved}`, { status: 'solved' });
    const { rows: teams } = await t.db.query(`INSERT INTO teams (name) VALUES ('Bulk team') RETURNING id`);
    const teamId = teams[0].id as number;

    const assigned = await assignUnassignedTickets({ db: t.db, actor: systemActor }, [free, taken, solved].map((ticketId) => ({ ticketId, assigneeId: agent.userId, teamId })));
    expect(assigned).toEqual([free]);

    const ticket = (await agent.get(`/api/v1/tickets/${free}`)).body;
    expect(ticket).toMatchObject({ status: 'open', assignee: { id: agent.userId }, team: { id: teamId } });
    expect((await agent.get(`/api/v1/tickets/${taken}`)).body.team).toBeNull();
    const audit = (await agent.get(`/api/v1/tickets/${free}/audit`)).body.data[0];
    expect(audit).toMatchObject({ action: 'ticket.updated', before: { assigneeId: null, teamId: null, status: 'new' }, after: { assigneeId: agent.userId, teamId, status: 'open' } });
    const { rows: events } = await t.db.query(`SELECT payload FROM events WHERE type = 'ticket.updated' AND (payload->>'ticketId')::bigint = $1`, [free]);
    expect(events.map((e) => e.payload.changes)).toEqual([{ assigneeId: { from: null, to: agent.userId }, teamId: { from: null, to: teamId }, status: { from: 'new', to: 'open' } }]);
  });
});
