import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newToken } from '../auth/index.ts';
import { type ApiClient, clientFor, createTestTend, type TestTend } from '../testing/harness.ts';

let t: TestTend;
let agent: ApiClient;
beforeAll(async () => {
  t = await createTestTend();
  agent = await t.user('agent', { name: 'Sasha Agent' });
});
afterAll(() => t.close());

let seq = 0;
const newTicket = async (fields: { subject: string; body: string; email?: string; name?: string } & Record<string, unknown>) => {
  const { subject, body, email, name, ...rest } = fields;
  const res = await agent.post('/api/v1/tickets', {
    subject,
    requester: { email: email ?? `search-${++seq}@example.com`, name: name ?? 'Pat Customer' },
    message: { body },
    ...rest,
  });
  expect(res.status).toBe(201);
  return res.body.ticket as { id: number; requester: { id: number } };
};

const search = (client: ApiClient, query: Record<string, string | number>) =>
  client.get(`/api/v1/search?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`);

/** A user whose role may read tickets and customers but not internal notes. */
async function viewer(): Promise<ApiClient> {
  const { rows } = await t.db.query(
    `WITH r AS (INSERT INTO roles (key, name, permissions) VALUES ('viewer', 'Viewer', ARRAY['tickets.read', 'customers.read'])
                ON CONFLICT (key) DO UPDATE SET name = excluded.name RETURNING id)
     INSERT INTO users (email, name, role_id) SELECT 'viewer@test.example', 'Vic Viewer', id FROM r RETURNING id`,
  );
  const { token, hash } = newToken('tend');
  await t.db.query(`INSERT INTO api_tokens (user_id, name, token_hash, prefix) VALUES ($1, 'test', $2, 'test')`, [rows[0].id, hash]);
  return clientFor(t.app, rows[0].id, token);
}

describe('searching customers', () => {
  it('finds a customer despite a typo in the name or the email', async () => {
    const ticket = await newTicket({ subject: 'Hello', body: 'Just saying hi', email: 'jonathan.whitaker@example.com', name: 'Jonathan Whitaker' });
    const byName = await search(agent, { q: 'Jonahtan Whitakr', type: 'customers' });
    expect(byName.status).toBe(200);
    expect(byName.body.data[0]).toMatchObject({ type: 'customer', id: ticket.requester.id, customer: { name: 'Jonathan Whitaker' } });
    expect(byName.body.data[0].matched).toContain('name');

    const byEmail = await search(agent, { q: 'jonathan.whitaker@exmaple.com', type: 'customers' });
    expect(byEmail.body.data[0]).toMatchObject({ id: ticket.requester.id });
    expect(byEmail.body.data[0].matched).toContain('email');
    expect(byEmail.body.data[0].customer.identities).toEqual([{ kind: 'email', value: 'jonathan.whitaker@example.com' }]);
  });

  it('finds "John" when asked for "Jonh"', async () => {
    const ticket = await newTicket({ subject: 'Hi', body: 'Hi there', email: 'jsmith@example.net', name: 'John Smith' });
    const res = await search(agent, { q: 'Jonh', type: 'customers' });
    expect(res.body.data.map((r: { id: number }) => r.id)).toContain(ticket.requester.id);
  });

  it('pages through every customer that resembles a common name, the close ones first, none twice', async () => {
    // Eight Quennells, then customers who share only the first name, to be found below them.
    const surnames = ['Quennell', 'Quennel', 'Quenell', 'Quennells', 'Quennelle', 'Quennell', 'Quennell', 'Quenneli'];
    const others = ['Oakes', 'Prior', 'Vance', 'Yardley', 'Abbott', 'Crane', 'Dyer', 'Ewart', 'Frost', 'Gale', 'Hoyle', 'Irwin'];
    const made = [...surnames, ...others].map((surname, i) => ({ email: `marguerite.${i}.${surname.toLowerCase()}@paging.example`, name: `Marguerite ${surname}` }));
    for (const m of made) {
      await t.db.query(
        `WITH c AS (INSERT INTO customers (name) VALUES ($1) RETURNING id) INSERT INTO customer_identities (customer_id, kind, value, is_primary) SELECT id, 'email', $2, true FROM c`,
        [m.name, m.email],
      );
    }
    const query = 'Marguerite Quennell';
    const expected = (
      await t.db.query(
        `SELECT c.id, greatest(word_similarity($1, c.name), (SELECT max(word_similarity($1, i.value)) FROM customer_identities i WHERE i.customer_id = c.id)) AS rank
           FROM customers c WHERE c.merged_into_id IS NULL ORDER BY rank DESC, c.id DESC`,
        [query],
      )
    ).rows.filter((r) => r.rank >= 0.3);
    expect(expected.length).toBeGreaterThanOrEqual(made.length);

    const seen: { id: number; rank: number }[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: { id: number; rank: number }[]; nextCursor: string | null } } = await search(agent, { q: query, type: 'customers', limit: 5, ...(cursor ? { cursor } : {}) });
      seen.push(...page.body.data.map((r) => ({ id: r.id, rank: r.rank })));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    expect(seen[0]?.rank).toBeGreaterThan(0.6);
    expect(seen.at(-1)?.rank).toBeLessThan(0.6);
  });
});

describe('searching tickets', () => {
  it('ranks a subject match above a match only in the messages, and says what matched', async () => {
    const bodyOnly = await newTicket({ subject: 'Question about my order', body: 'The kettle stopped heating after a week' });
    const inSubject = await newTicket({ subject: 'Kettle stopped heating', body: 'It was fine before' });
    const res = await search(agent, { q: 'kettle heating', type: 'tickets' });
    expect(res.body.data.map((r: { id: number }) => r.id)).toEqual([inSubject.id, bodyOnly.id]);
    expect(res.body.data[0].matched).toEqual(['subject']);
    expect(res.body.data[1].matched).toEqual(['messages']);
    expect(res.body.data[0].highlights[0]).toEqual({ field: 'subject', html: '<mark>Kettle</mark> stopped <mark>heating</mark>' });
    expect(res.body.data[1].highlights[1].html).toContain('<mark>kettle</mark>');
    expect(res.body.data[0].rank).toBeGreaterThan(res.body.data[1].rank);
  });

  it('finds a ticket by its number', async () => {
    const ticket = await newTicket({ subject: 'Numbered', body: 'Find me by number' });
    const res = await search(agent, { q: `#${ticket.id}`, type: 'tickets' });
    expect(res.body.data[0]).toMatchObject({ id: ticket.id, matched: ['number'], ticket: { subject: 'Numbered' } });
  });

  it('narrows by status, assignee, team, tag and creation date', async () => {
    const team = await t.db.query(`INSERT INTO teams (name) VALUES ('Search squad') RETURNING id`);
    const teamId: number = team.rows[0].id;
    const plain = await newTicket({ subject: 'Marmalade jar cracked', body: 'Please help' });
    const tagged = await newTicket({ subject: 'Marmalade jar leaking', body: 'Please help', tags: ['breakage'], status: 'pending' });
    const mine = await newTicket({ subject: 'Marmalade lid missing', body: 'Please help', assigneeId: agent.userId, teamId });
    const old = await newTicket({ subject: 'Marmalade from last year', body: 'Please help' });
    await t.db.query(`UPDATE tickets SET created_at = '2020-01-01' WHERE id = $1`, [old.id]);
    const ids = async (query: Record<string, string>) =>
      ((await search(agent, { q: 'marmalade', type: 'tickets', ...query })).body.data as { id: number }[]).map((r) => r.id).sort();

    expect(await ids({})).toEqual([plain.id, tagged.id, mine.id, old.id].sort());
    expect(await ids({ status: 'pending' })).toEqual([tagged.id]);
    expect(await ids({ tag: 'breakage' })).toEqual([tagged.id]);
    expect(await ids({ assigneeId: 'me' })).toEqual([mine.id]);
    expect(await ids({ teamId: String(teamId) })).toEqual([mine.id]);
    expect(await ids({ assigneeId: 'none', createdAfter: '2021-01-01T00:00:00Z' })).toEqual([plain.id, tagged.id].sort());
    expect(await ids({ createdBefore: '2021-01-01T00:00:00Z' })).toEqual([old.id]);
    const customersByStatus = await search(agent, { q: 'marmalade', type: 'customers', status: 'open' });
    expect(customersByStatus.status).toBe(400);
    expect(customersByStatus.body.error.field).toBe('status');
  });

  it('finds filtered matches below the newest messages, on the newest tickets that pass the filter and on older ones', async () => {
    const oldest = await newTicket({ subject: 'Garden question', body: 'The heliotrope wilted', status: 'pending' });
    // 500 newer pending tickets push it out of the newest ones that pass the filter.
    await t.db.query(`INSERT INTO tickets (subject, status, requester_id) SELECT 'Filler ' || i, 'pending', $1 FROM generate_series(1, 500) i`, [oldest.requester.id]);
    const newer = await newTicket({ subject: 'Garden question', body: 'Is heliotrope poisonous to cats?', status: 'pending' });
    const open = await newTicket({ subject: 'Garden question', body: 'Where to plant heliotrope', status: 'open' });
    // 10,001 newer messages put every heliotrope below the newest rows.
    await t.db.query(`INSERT INTO messages (ticket_id, author_type, channel, body) SELECT $1, 'system', 'email', 'filler line ' || i FROM generate_series(1, 10001) i`, [open.id]);

    const found = await search(agent, { q: 'heliotrope', type: 'messages', status: 'pending' });
    expect(found.status).toBe(200);
    expect(found.body.data.map((r: { message: { ticket: { id: number } } }) => r.message.ticket.id).sort()).toEqual([oldest.id, newer.id].sort());
  });

  it('puts a customer who matches better than a full page of tickets at its top', async () => {
    const tickets = [];
    for (let i = 0; i < 3; i++) tickets.push((await newTicket({ subject: `Zephyrine order ${i}`, body: 'Where is it?' })).id);
    const customer = await newTicket({ subject: 'Hello', body: 'Hi', email: 'zc@example.org', name: 'Zephyrine Clarke' });
    const first = await search(agent, { q: 'zephyrine', limit: 2 });
    expect(first.body.data.map((r: { type: string; id: number }) => [r.type, r.id])).toEqual([
      ['customer', customer.requester.id],
      ['ticket', Math.max(...tickets)],
    ]);
    const rest = await search(agent, { q: 'zephyrine', limit: 5, cursor: first.body.nextCursor });
    expect(rest.body.data.map((r: { id: number }) => r.id)).toEqual(tickets.slice(0, 2).reverse());
  });

  it('pages by cursor through tied ranks without repeating or skipping', async () => {
    const created = new Set<number>();
    for (let i = 0; i < 7; i++) created.add((await newTicket({ subject: 'Pomegranate delivery', body: i % 2 ? 'pomegranate again' : 'nothing' })).id);
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await search(agent, { q: 'pomegranate', type: 'tickets', limit: 3, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((r: { id: number }) => r.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(7);
    expect(new Set(seen)).toEqual(created);
    expect((await search(agent, { q: 'pomegranate', cursor: 'garbage' })).body.error.field).toBe('cursor');
  });
});

describe('searching messages', () => {
  it('returns the message with its ticket, and escapes everything but the highlight', async () => {
    const ticket = await newTicket({ subject: 'Odd page', body: 'The page shows <script>alert("x")</script> next to the papaya banner & more' });
    const res = await search(agent, { q: 'papaya', type: 'messages' });
    const hit = res.body.data[0];
    expect(hit).toMatchObject({ type: 'message', matched: ['body'], message: { ticket: { id: ticket.id, subject: 'Odd page' }, internal: false } });
    const html: string = hit.highlights[0].html;
    expect(html).toContain('<mark>papaya</mark>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&amp; more');
    expect(html.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  });

  it('shows internal notes, and tickets found only through them, only to those allowed to read notes', async () => {
    const ticket = await newTicket({ subject: 'Billing dispute', body: 'I was charged twice' });
    const note = await agent.post(`/api/v1/tickets/${ticket.id}/messages`, { body: 'Customer is a known quokka fraudster', internal: true });
    expect(note.status).toBe(201);
    const withNotes = await search(agent, { q: 'quokka' });
    expect(withNotes.body.data.map((r: { type: string; id: number }) => `${r.type}:${r.id}`)).toEqual([`ticket:${ticket.id}`]);
    expect(withNotes.body.data[0].highlights).toContainEqual({ field: 'message', html: expect.stringContaining('<mark>quokka</mark>') });
    const notes = await search(agent, { q: 'quokka', type: 'messages' });
    expect(notes.body.data.map((r: { id: number }) => r.id)).toEqual([note.body.id]);
    const reader = await viewer();
    const hidden = await search(reader, { q: 'quokka' });
    expect(hidden.status).toBe(200);
    expect(hidden.body.data).toEqual([]);
    const publicMatch = await search(reader, { q: 'charged twice' });
    expect(publicMatch.body.data.map((r: { type: string }) => r.type)).toEqual(['ticket']);
    expect(JSON.stringify(publicMatch.body)).not.toContain('quokka');
  });
});
