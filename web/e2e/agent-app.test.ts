import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { build } from 'vite';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/index.ts';
import { addSmtpMailbox, filed, listenSmtp, smtpClient } from '../../src/channels/email/email-test-helpers.ts';
import { metaSignature } from '../../src/channels/messaging/meta.ts';
import { startProviderDouble } from '../../src/channels/messaging/provider-double.ts';
import { loadConfig } from '../../src/config.ts';
import { createPool, type Db } from '../../src/db/pool.ts';
import { type App, buildApp } from '../../src/platform/http/app.ts';
import { routes } from '../../src/routes.ts';
import { createTestTend, type TestTend } from '../../src/testing/harness.ts';
import { webAppRoutes } from '../../src/web-app/index.ts';

/**
 * Two agents in two browsers, each signed in to a different Tend process on one database:
 * what one does must show up for the other, live.
 */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

let t: TestTend;
let dist: string;
let browser: Browser;
const processes: { app: App; db: Db; url: string }[] = [];
const pages: Record<string, Page> = {};
let ticketId: number;

async function startProcess(): Promise<{ app: App; db: Db; url: string }> {
  const db = createPool(t.databaseUrl, 5);
  const served = [...routes.filter((r) => r !== webAppRoutes), (app: App) => webAppRoutes(app, { dist })];
  const app = await buildApp({ db, config: { ...loadConfig({}), databaseUrl: t.databaseUrl, logLevel: 'silent' } }, served);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return { app, db, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

async function agent(name: string, role = 'agent'): Promise<string> {
  const email = `${name.toLowerCase()}@e2e.example`;
  await t.db.query(`INSERT INTO users (email, name, role_id, password_hash) SELECT $1, $2, id, $3 FROM roles WHERE key = $4`, [email, name, await hashPassword('pw-e2e-agent'), role]);
  return email;
}

async function signIn(baseUrl: string, email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(baseUrl);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('pw-e2e-agent');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Workspace' }).waitFor();
  return page;
}

beforeAll(async () => {
  t = await createTestTend();
  dist = await mkdtemp(path.join(os.tmpdir(), 'tend-e2e-web-'));
  await build({ configFile: path.resolve(import.meta.dirname, '../vite.config.ts'), logLevel: 'silent', build: { outDir: dist, emptyOutDir: true } });
  processes.push(await startProcess(), await startProcess());
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const [ana, ben] = [await agent('Ana'), await agent('Ben')];
  const created = await t.admin.post('/api/v1/tickets', {
    subject: 'Order arrived damaged',
    requester: { email: 'carla@customer.example', name: 'Carla Customer' },
    message: { body: 'The lamp I ordered arrived with a cracked shade.' },
    channel: 'email',
  });
  ticketId = created.body.ticket.id;
  await t.admin.post('/api/v1/macros', { name: 'Replacement on its way', shared: true, actions: { reply: 'Hi {{customer.first_name}}, a replacement shade is on its way.', addTags: ['replacement'] } });
  await t.startWorker();
  pages.ana = await signIn(processes[0]!.url, ana);
  pages.ben = await signIn(processes[1]!.url, ben);
}, 120_000);

afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  await mkdir('test-results', { recursive: true });
  for (const [who, page] of Object.entries(pages)) {
    await page.screenshot({ path: `test-results/e2e-${context.task.name.replace(/\W+/g, '-')}-${who}.png` }).catch(() => {});
  }
});

afterAll(async () => {
  await browser?.close();
  for (const p of processes) {
    await p.app.close();
    await p.db.end();
  }
  await t?.close();
  if (dist) await rm(dist, { recursive: true, force: true });
});

// Under a loaded machine a browser round trip can take a few seconds; the check still fails if it never happens.
const eventually = { timeout: 10_000 };
/**
 * For what waits on a chain of jobs (an event's dispatch, then a send, then the delivery event's):
 * each takes its turn on a worker that a full CI run keeps busy; 10 s ran out there.
 */
const afterJobs = { timeout: 30_000 };
const ticketRow = (page: Page, id: number) => page.locator(`[data-ticket-id="${id}"]`);
const thread = (page: Page) => page.locator('[data-message-id]');

it('opens a view, moves with j/k and opens a ticket with Enter', async () => {
  const ana = pages.ana!;
  await ana.getByRole('link', { name: /All open/ }).click();
  await ticketRow(ana, ticketId).waitFor();
  await ana.keyboard.press('j');
  await ana.keyboard.press('k');
  await ana.keyboard.press('Enter');
  await ana.getByRole('heading', { name: 'Order arrived damaged' }).waitFor();
  await expect.poll(() => thread(ana).first().textContent(), eventually).toContain('cracked shade');
  expect(ana.url()).toContain(`/tickets/${ticketId}`);
});

it('shows an agent on another process who is viewing and who is typing', async () => {
  const [ana, ben] = [pages.ana!, pages.ben!];
  await ben.goto(`${processes[1]!.url}/tickets/${ticketId}`);
  await ben.getByRole('heading', { name: 'Order arrived damaged' }).waitFor();
  await expect.poll(() => ana.getByTestId('presence').textContent(), eventually).toContain('Ben also viewing');
  await expect.poll(() => ben.getByTestId('presence').textContent(), eventually).toContain('Ana also viewing');
  expect(await ana.getByTestId('presence').textContent()).not.toContain('Ana');
  await ben.getByLabel('Reply to the customer').fill('Sorry to hear that, we will');
  await expect.poll(() => ana.getByTestId('presence').textContent(), eventually).toContain('Ben is typing a reply');
});

it('replies with a macro; both agents see it at once, and the agent still writing is warned and keeps their draft', async () => {
  const [ana, ben] = [pages.ana!, pages.ben!];
  await ana.keyboard.press('r');
  await ana.getByRole('button', { name: 'Macros' }).click();
  await ana.getByRole('button', { name: /Replacement on its way/ }).click();
  await expect.poll(() => ana.getByLabel('Reply to the customer').innerText(), eventually).toBe('Hi Carla, a replacement shade is on its way.');
  await ana.getByLabel('Reply to the customer').press('Control+Enter');
  for (const page of [ana, ben]) {
    await expect.poll(() => thread(page).last().textContent(), eventually).toContain('replacement shade is on its way');
  }
  await ana.getByRole('region', { name: 'Ticket properties' }).getByText('replacement').waitFor();
  await expect.poll(() => ben.getByRole('alert').textContent(), eventually).toContain('Ana wrote on this ticket while you were typing');
  expect(await ben.getByLabel('Reply to the customer').innerText()).toBe('Sorry to hear that, we will');
  await ben.reload();
  await expect.poll(() => ben.getByLabel('Reply to the customer').innerText(), eventually).toBe('Sorry to hear that, we will');
});

it('adds an internal note, shown apart from public replies, that notifies the agent it mentions', async () => {
  const [ana, ben] = [pages.ana!, pages.ben!];
  await ana.getByLabel('Reply to the customer').press('Escape');
  await ana.keyboard.press('n');
  await ana.keyboard.type('Courier photos show the box was crushed.');
  await ana.getByRole('button', { name: 'Add note' }).click();
  const note = ben.locator('[data-internal="true"]', { hasText: 'box was crushed' });
  await note.waitFor();
  expect(await note.textContent()).toContain('Internal note');
  expect(await ben.locator('[data-internal="false"]', { hasText: 'box was crushed' }).count()).toBe(0);

  await ben.getByRole('link', { name: /All open/ }).click();
  await ticketRow(ben, ticketId).waitFor();
  // "@Be" offers Ben; Enter takes him, as "@Ben ", and typing goes on.
  const noteBox = ana.getByRole('textbox', { name: 'Internal note' });
  await noteBox.fill('');
  await noteBox.pressSequentially('@Be');
  await ana.getByRole('listbox', { name: 'Mention an agent' }).getByRole('option', { name: 'Ben' }).waitFor();
  await noteBox.press('Enter');
  await noteBox.pressSequentially('can you call the courier?');
  await expect.poll(() => noteBox.textContent(), eventually).toBe('@Ben can you call the courier?');
  await ana.getByRole('button', { name: 'Add note' }).click();
  await expect.poll(() => ben.getByTestId('unread-count').textContent(), eventually).toBe('1');
  await ben.getByRole('button', { name: /Notifications/ }).click();
  await ben.getByRole('button', { name: /Ana mentioned you: Order arrived damaged/ }).click();
  await ben.getByRole('heading', { name: 'Order arrived damaged' }).waitFor();
  await expect.poll(() => ben.getByTestId('unread-count').count(), eventually).toBe(0);
  await expect.poll(() => ana.getByTestId('presence').textContent(), eventually).toBe('BBen also viewing');
});

it('shows a ticket created elsewhere (an incoming email) in the open view without a reload', async () => {
  const ana = pages.ana!;
  await ana.goBack();
  await ticketRow(ana, ticketId).waitFor();
  const created = await t.admin.post('/api/v1/tickets', {
    subject: 'Where is my invoice?',
    requester: { email: 'dmitri@customer.example', name: 'Dmitri' },
    message: { body: 'I need the invoice for order 5521.' },
    channel: 'email',
  });
  await ticketRow(ana, created.body.ticket.id).waitFor();
  expect(await ticketRow(ana, created.body.ticket.id).textContent()).toContain('Where is my invoice?');
});

it('points an agent whose own view is clear to the view where tickets wait', async () => {
  const waiting = await t.admin.post('/api/v1/tickets', {
    subject: 'Kettle will not switch off',
    requester: { email: 'kim@customer.example', name: 'Kim Customer' },
    message: { body: 'It keeps boiling.' },
  });
  const dora = await signIn(processes[0]!.url, await agent('Dora'));
  try {
    await dora.getByRole('heading', { name: 'My open tickets' }).waitFor();
    await dora.getByText('This view is clear. Nice work.').waitFor();
    await dora.getByRole('button', { name: /^Unassigned: \d+ tickets?$/ }).click();
    await dora.getByRole('heading', { name: 'Unassigned' }).waitFor();
    await ticketRow(dora, waiting.body.ticket.id).waitFor();
  } finally {
    await dora.context().close();
    // Out of the open views again, where the other tests look for their own ticket first.
    await t.admin.patch(`/api/v1/tickets/${waiting.body.ticket.id}`, { status: 'solved' });
  }
});

it('opens a ticket by writing to a customer: owned by the agent, waiting on the customer, the mail queued to go out', async () => {
  const eve = await signIn(processes[0]!.url, await agent('Eve'));
  try {
    await eve.getByRole('heading', { name: 'My open tickets' }).waitFor();
    await eve.keyboard.press('c');
    const dialog = eve.getByRole('dialog', { name: 'New ticket' });
    await dialog.getByLabel('Customer email').fill('frank@customer.example');
    await dialog.getByLabel('Name').fill('Frank Customer');
    await dialog.getByLabel('Subject').fill('Your warranty is about to end');
    await dialog.getByLabel('Message to the customer').fill('Hello Frank, your blender warranty ends next month.');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await eve.getByRole('heading', { name: 'Your warranty is about to end' }).waitFor();
    await expect.poll(() => thread(eve).first().textContent(), eventually).toContain('warranty ends next month');
    const id = Number(/\/tickets\/(\d+)/.exec(eve.url())?.[1]);
    const ticket = (await t.admin.get(`/api/v1/tickets/${id}`)).body;
    expect(ticket).toMatchObject({ status: 'pending', channel: 'email', assignee: { name: 'Eve' }, requester: { name: 'Frank Customer', email: 'frank@customer.example' } });
    expect(ticket.firstResponseAt).not.toBeNull();
    await expect.poll(async () => (await t.db.query(`SELECT count(*)::int AS n FROM email_outbox WHERE ticket_id = $1`, [id])).rows[0].n, eventually).toBe(1);
  } finally {
    await eve.context().close();
  }
});

it("shows a ticket's history: who changed what, and when, in words", async () => {
  const created = await t.admin.post('/api/v1/tickets', {
    subject: 'Toaster sparks',
    requester: { email: 'hal@customer.example', name: 'Hal Customer' },
    message: { body: 'Sparks came out of my toaster.' },
    channel: 'chat',
  });
  const id = created.body.ticket.id;
  expect((await t.admin.patch(`/api/v1/tickets/${id}`, { status: 'pending', priority: 'urgent', addTags: ['safety'] })).status).toBe(200);
  const ana = pages.ana!;
  await ana.goto(`${processes[0]!.url}/tickets/${id}`);
  await ana.getByRole('heading', { name: 'Toaster sparks' }).waitFor();
  await ana.getByRole('button', { name: 'History' }).click();
  const history = ana.getByRole('list', { name: 'History' });
  await expect.poll(() => history.locator(':scope > li').count(), eventually).toBe(2);
  const [change, opened] = await history.locator(':scope > li').allTextContents();
  expect(change).toContain('Test Admin changed the ticket');
  expect(change).toContain('Status: New → Pending');
  expect(change).toContain('Priority: Normal → Urgent');
  expect(change).toContain('Tags: +safety');
  expect(opened).toContain('Test Admin opened the ticket by Chat');
  // Escape closes the history and nothing more: the ticket stays open (the shortcut back to the list is not also taken).
  await ana.keyboard.press('Escape');
  await ana.getByRole('dialog', { name: `History of #${id}` }).waitFor({ state: 'detached' });
  await ana.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
  expect(ana.url()).toContain(`/tickets/${id}`);
});

it('splits a second question off into a ticket of its own, linked to the first, and links and unlinks tickets by number', async () => {
  const first = (
    await t.admin.post('/api/v1/tickets', {
      subject: 'Two questions about my order',
      requester: { email: 'ivy@customer.example', name: 'Ivy Customer' },
      message: { body: 'Also: can I change my delivery address to my office?' },
    })
  ).body.ticket;
  await t.admin.post(`/api/v1/tickets/${first.id}/messages`, { body: 'Your order ships tomorrow.' });
  const ana = pages.ana!;
  await ana.goto(`${processes[0]!.url}/tickets/${first.id}`);
  await ana.getByRole('heading', { name: 'Two questions about my order' }).waitFor();
  await thread(ana).first().getByRole('button', { name: 'Split into a new ticket' }).click();
  const dialog = ana.getByRole('dialog', { name: 'Split into a new ticket' });
  expect(await dialog.getByLabel('Subject of the new ticket').inputValue()).toBe('Also: can I change my delivery address to my office?');
  await dialog.getByLabel('Subject of the new ticket').fill('Change of delivery address');
  await dialog.getByRole('button', { name: 'Split' }).click();
  await ana.getByRole('heading', { name: 'Change of delivery address' }).waitFor();
  expect(await thread(ana).first().textContent()).toContain('change my delivery address');
  const links = ana.getByRole('region', { name: 'Linked tickets' });
  await expect.poll(() => links.textContent(), eventually).toContain(`#${first.id} · split from`);

  await links.getByRole('textbox', { name: 'Link a ticket by its number' }).fill(`#${ticketId}`);
  await ana.keyboard.press('Enter');
  await links.getByRole('link', { name: /Order arrived damaged/ }).waitFor();
  await links.getByRole('button', { name: `Unlink #${ticketId}` }).click();
  await expect.poll(() => links.getByRole('link', { name: /Order arrived damaged/ }).count(), eventually).toBe(0);
});

it("keeps a customer's details right from their page, and merges a duplicate into them, as the agent's role allows", async () => {
  const open = async (email: string, subject: string) =>
    (await t.admin.post('/api/v1/tickets', { subject, requester: { email, name: 'Jo March' }, message: { body: `${subject}.` } })).body.ticket.requester.id as number;
  const jo = await open('jo@customer.example', 'Blender lid cracked');
  expect((await t.admin.post('/api/v1/organizations', { name: 'March & Daughters' })).status).toBe(201);
  await open('jo.march@work.example', 'Invoice for the office order');
  const sue = await signIn(processes[1]!.url, await agent('Sue', 'supervisor'));
  try {
    await sue.goto(`${processes[1]!.url}/customers/${jo}`);
    await sue.getByRole('heading', { name: 'Jo March' }).waitFor();

    await sue.getByRole('button', { name: 'Edit' }).click();
    const edit = sue.getByRole('dialog', { name: 'Edit Jo March' });
    await edit.getByLabel('Name').fill('Josephine March');
    await edit.getByLabel('Language').fill('en');
    await edit.getByLabel('Tags').fill('vip');
    await edit.getByLabel('Organization').click();
    await sue.getByRole('option', { name: 'March & Daughters' }).click();
    await edit.getByRole('button', { name: 'Save' }).click();
    await sue.getByRole('heading', { name: 'Josephine March' }).waitFor();
    await sue.getByRole('region', { name: 'Customer' }).getByText('March & Daughters').waitFor();

    const contacts = sue.getByRole('region', { name: 'Customer' });
    await contacts.getByLabel('Kind').click();
    await sue.getByRole('option', { name: 'Phone' }).click();
    await contacts.getByLabel('Address or number').fill('+15555550123');
    await contacts.getByRole('button', { name: 'Add' }).click();
    await contacts.getByText('+15555550123').waitFor();
    await contacts.getByRole('button', { name: 'Remove +15555550123' }).click();
    await expect.poll(() => contacts.getByText('+15555550123').count(), eventually).toBe(0);

    await sue.getByRole('button', { name: 'Merge a duplicate' }).click();
    const merge = sue.getByRole('dialog', { name: 'Merge a duplicate into Josephine March' });
    await merge.getByLabel('Find the duplicate by name, email or phone').fill('jo.march');
    await merge.getByRole('button', { name: 'Merge into Josephine March' }).click();
    await sue.getByRole('alertdialog').getByRole('button', { name: 'Merge' }).click();
    await contacts.getByText('jo.march@work.example').waitFor(eventually);
    await sue.getByRole('region', { name: 'Customer' }).getByText('Invoice for the office order').waitFor(eventually);
  } finally {
    await sue.context().close();
  }
  // An agent may edit a customer but not merge one.
  const ana = pages.ana!;
  await ana.goto(`${processes[0]!.url}/customers/${jo}`);
  await ana.getByRole('heading', { name: 'Josephine March' }).waitFor();
  await ana.getByRole('button', { name: 'Edit' }).waitFor();
  expect(await ana.getByRole('button', { name: 'Merge a duplicate' }).count()).toBe(0);
});

it('searches by words and by a misspelt name, shows what matched once, and opens what it found', async () => {
  const searcher = await signIn(processes[1]!.url, await agent('Gus'));
  try {
    const found = (
      await t.admin.post('/api/v1/tickets', {
        subject: 'Grinding noise from the espresso machine',
        requester: { email: 'bartholomew.quince@customer.example', name: 'Bartholomew Quince' },
        message: { body: 'Since Monday the espresso machine makes a grinding noise when it heats up.' },
      })
    ).body.ticket;
    await searcher.getByRole('link', { name: 'Search' }).click();
    await searcher.getByRole('searchbox', { name: 'Search everything' }).fill('grinding noise');
    await searcher.keyboard.press('Enter');
    const results = searcher.getByRole('list', { name: 'Search results' });
    const ticket = results.getByRole('link', { name: /^Grinding noise from the espresso machine/ });
    await ticket.waitFor();
    // Found by its subject and its message, the ticket is listed once, its message not beside it.
    expect(await results.getByRole('listitem').count()).toBe(1);
    // The subject is the title, its matching words marked, and is not repeated as a snippet under it.
    expect(await ticket.locator('p').first().locator('mark').allTextContents()).toEqual(['Grinding', 'noise']);
    expect(await ticket.getByText('Grinding noise from the espresso machine', { exact: true }).count()).toBe(1);
    expect(await ticket.textContent()).toContain(`#${found.id}`);

    await searcher.getByRole('searchbox', { name: 'Search everything' }).fill('Bartholomew Qunice');
    await searcher.keyboard.press('Enter');
    await searcher.getByRole('button', { name: 'Customers' }).click();
    const customer = results.getByRole('link', { name: /^Bartholomew Quince/ });
    await customer.waitFor();
    expect(await customer.locator('p').first().locator('mark').count()).toBeGreaterThan(0);
    await customer.click();
    await searcher.getByRole('heading', { name: 'Bartholomew Quince' }).waitFor();

    await searcher.goBack();
    await searcher.getByRole('searchbox', { name: 'Search everything' }).fill(`#${found.id}`);
    await searcher.keyboard.press('Enter');
    await searcher.getByRole('button', { name: 'Everything' }).click();
    await results.getByRole('link', { name: /^Grinding noise from the espresso machine/ }).click();
    await searcher.getByRole('heading', { name: 'Grinding noise from the espresso machine' }).waitFor();
    expect(searcher.url()).toContain(`/tickets/${found.id}`);
  } finally {
    await searcher.context().close();
  }
});

it("shows a mail's whole original a click away, whom a reply goes to (copying one more), and a reply that could not be mailed, with the reason, until it is sent again", async () => {
  await addSmtpMailbox(t, 'desk@e2e.example');
  const listener = await listenSmtp(t);
  // The customer's mail server, for when Tend has a way to send.
  const sink = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], logger: false, onData: (stream, _session, done) => stream.on('end', () => done()).resume() });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const ana = pages.ana!;
  try {
    const messageId = `<blender-${Date.now()}@customer.example>`;
    await filed(
      t,
      smtpClient(listener.port).sendMail({
        from: 'Nora Quinn <nora@customer.example>',
        to: 'desk@e2e.example',
        subject: 'Re: My blender still leaks',
        messageId,
        text: 'The new seal did not help, it still leaks.\n\nOn Mon, 23 Nov 2026 at 10:02, Support <desk@e2e.example> wrote:\n> Please try the replacement seal we sent.\n',
      }),
    );
    const { rows } = await t.db.query(`SELECT ticket_id FROM email_inbound WHERE message_id = $1`, [messageId.slice(1, -1)]);
    await ana.goto(`${processes[0]!.url}/tickets/${rows[0].ticket_id}`);
    await ana.getByRole('heading', { name: 'Re: My blender still leaks' }).waitFor();
    const mail = thread(ana).first();
    expect(await mail.textContent()).not.toContain('replacement seal');

    await mail.getByRole('button', { name: 'Original' }).click();
    const original = ana.getByRole('dialog', { name: 'Re: My blender still leaks' });
    await expect.poll(() => original.textContent(), eventually).toContain('Please try the replacement seal we sent.');
    expect(await original.textContent()).toContain('Nora Quinn <nora@customer.example>');
    expect(await original.getByRole('link', { name: 'Download .eml' }).getAttribute('href')).toMatch(/^\/api\/v1\/messages\/\d+\/raw$/);
    await original.getByRole('button', { name: 'Close' }).click();

    // The mailbox has no way to send yet: the reply box says so before, the reply after, in the words of the failure.
    await ana.getByRole('button', { name: 'To nora@customer.example' }).click();
    await ana.getByLabel('Copied on replies (Cc)').fill('boss@customer.example');
    await ana.getByRole('button', { name: 'Save' }).click();
    await ana.getByRole('button', { name: 'To nora@customer.example + 1 cc' }).waitFor();
    await ana.getByText(/This reply will not be emailed: .*no outgoing SMTP server configured/).waitFor();
    await ana.getByLabel('Reply to the customer').fill('A new base unit is on its way.');
    await ana.getByLabel('Reply to the customer').press('Control+Enter');
    const reply = thread(ana).last();
    await reply.getByText('Not delivered', { exact: true }).waitFor(afterJobs);
    await reply.getByText(/no outgoing SMTP server configured/).waitFor();

    process.env.SMTP_URL = `smtp://127.0.0.1:${(sink.server.address() as { port: number }).port}`;
    await reply.getByRole('button', { name: 'Send again' }).click();
    await reply.getByText('Emailed', { exact: true }).waitFor(eventually);
    expect(await reply.getByText(/no outgoing SMTP server configured/).count()).toBe(0);
    await expect.poll(() => ana.getByText(/This reply will not be emailed/).count(), eventually).toBe(0);
  } finally {
    delete process.env.SMTP_URL;
    await listener.close();
    await new Promise<void>((resolve) => sink.close(() => resolve()));
  }
});

it('shows where a WhatsApp reply goes and how it went: not delivered with the reason, sent again, then read, live; and a closed 24-hour window before the agent writes, with an approved template to send instead', async () => {
  const graph = await startProviderDouble((n) => ({ messaging_product: 'whatsapp', messages: [{ id: `wamid.e2e-${n}` }] }));
  const ana = pages.ana!;
  try {
    const secret = 'e2e-app-secret';
    const channel = await t.admin.post('/api/v1/messaging/channels', {
      kind: 'meta_whatsapp',
      name: 'WhatsApp',
      accountId: 'PN-E2E',
      address: '+15550009999',
      apiBaseUrl: graph.url,
      credentials: { appSecret: secret, accessToken: 'graph-token', verifyToken: 'verify' },
    });
    expect(channel.status).toBe(201);
    const webhook = (value: Record<string, unknown>) => {
      const raw = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: 'WABA', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: 'PN-E2E' }, ...value } }] }] });
      return fetch(`${processes[1]!.url}/webhooks/meta/${channel.body.id}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': metaSignature(secret, raw) }, body: raw });
    };
    const contact = { contacts: [{ profile: { name: 'Olu Bello' }, wa_id: '2348030000001' }] };
    expect((await webhook({ ...contact, messages: [{ from: '2348030000001', id: 'wamid.in-e2e', type: 'text', text: { body: 'Is my order shipped yet?' } }] })).status).toBe(200);
    const { rows } = await t.db.query(`SELECT t.id FROM tickets t JOIN customer_identities i ON i.customer_id = t.requester_id WHERE i.value = '+2348030000001'`);
    await ana.goto(`${processes[0]!.url}/tickets/${rows[0].id}`);
    await thread(ana).first().getByText('Is my order shipped yet?').waitFor();

    await ana.getByText('To +2348030000001', { exact: true }).waitFor();
    graph.answerNext({ status: 400, body: { error: { message: '(#131026) Message undeliverable', code: 131026 } } });
    await ana.getByLabel('Reply to the customer').fill('It left our warehouse this morning.');
    await ana.getByLabel('Reply to the customer').press('Control+Enter');
    const reply = thread(ana).last();
    await reply.getByText('Not delivered', { exact: true }).waitFor(afterJobs);
    await reply.getByText(/^The WhatsApp message to \+2348030000001 could not be delivered\. The customer has not seen this reply\.$/).waitFor();
    await reply.getByText(/Message undeliverable/).waitFor();

    await reply.getByRole('button', { name: 'Send again' }).click();
    await reply.getByText('Sent', { exact: true }).waitFor(afterJobs);
    expect(await reply.getByText(/Message undeliverable/).count()).toBe(0);
    expect(graph.requests).toHaveLength(2);

    // The customer's phone says it was read: the other process takes the receipt, and the thread shows it.
    const sent = JSON.parse(graph.requests[1]?.body ?? '{}');
    expect(sent).toMatchObject({ to: '2348030000001', text: { body: 'It left our warehouse this morning.' } });
    expect((await webhook({ statuses: [{ id: 'wamid.e2e-2', status: 'read', timestamp: '1795600000', recipient_id: '2348030000001' }] })).status).toBe(200);
    await reply.getByText('Read', { exact: true }).waitFor(afterJobs);

    // A day later WhatsApp takes no free-form reply: the reply box says so before the agent writes one.
    await t.db.query(`UPDATE messaging_conversations SET last_inbound_at = now() - interval '25 hours' WHERE channel_id = $1`, [channel.body.id]);
    await ana.reload();
    await ana.getByText(/This reply will not be sent by WhatsApp: the customer last wrote more than 24 hours ago .*only an approved template/).waitFor();
    await ana.getByText(/No approved WhatsApp templates yet/).waitFor();

    // An approved template still reaches them: the agent picks it, fills in its values and sees the message first.
    expect((await t.admin.post(`/api/v1/messaging/channels/${channel.body.id}/templates`, { name: 'order_update', language: 'en_GB', body: 'Hello {{1}}, your order {{2}} has shipped.' })).status).toBe(201);
    await ana.reload();
    const picker = ana.getByRole('form', { name: 'Send an approved template' });
    await picker.getByLabel('Value {{1}}').fill('Olu');
    await picker.getByLabel('Value {{2}}').fill('#5521');
    await picker.getByLabel('Template preview').getByText('Hello Olu, your order #5521 has shipped.').waitFor();
    await picker.getByRole('button', { name: 'Send template' }).click();
    const templated = thread(ana).last();
    await templated.getByText('Hello Olu, your order #5521 has shipped.').waitFor(eventually);
    await templated.getByText('Sent', { exact: true }).waitFor(afterJobs);
    expect(JSON.parse(graph.requests.at(-1)?.body ?? '{}')).toMatchObject({ type: 'template', template: { name: 'order_update', language: { code: 'en_GB' } } });
  } finally {
    await graph.close();
  }
});
