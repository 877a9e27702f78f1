import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestTend, type TestTend } from '../../testing/harness.ts';
import { eventually } from '../../testing/eventually.ts';

/**
 * The widget as a visitor meets it: embedded by a <script> tag on another site whose CSS is
 * out to break everything, talking to a real Tend over loopback, in real Chromium.
 */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const HOSTILE_CSS = `* { all: unset !important; } div { display: none !important; } body * { visibility: hidden !important; font-size: 3px !important; }`;

let t: TestTend;
let tend: string;
let site: Server;
let siteUrl: string;
let browser: Browser;
let channelId: number;
let sink: SMTPServer;
const mailed: ParsedMail[] = [];

beforeAll(async () => {
  t = await createTestTend();
  await build({ configFile: path.resolve(import.meta.dirname, '../../../widget/vite.config.ts'), logLevel: 'silent' });
  tend = await t.listen();
  const created = await t.admin.post('/api/v1/chat/channels', { name: 'Lamp Shop', settings: { preChatForm: 'optional', language: 'en', color: '#0f766e' } });
  channelId = created.body.channel.id;
  site = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><html><head><style>${HOSTILE_CSS}</style></head>
      <body><div id="app">The host's own app</div><p>Lamps for every room</p>
      <script src="${tend}/widget.js" data-channel="${channelId}" async></script></body></html>`);
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  // The visitor's mail server, on loopback: transcripts land here.
  sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        mailed.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const sinkPort = (sink.server.address() as AddressInfo).port;
  await t.admin.post('/api/v1/email/mailboxes', { address: 'lamps@shop.example', name: 'Lamp Shop', inbound: 'smtp', smtp: { host: '127.0.0.1', port: sinkPort, secure: false } });
  await t.startWorker();
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (sink ? sink.close(() => resolve()) : resolve()));
  await new Promise((resolve) => site?.close(resolve));
  await t.close();
});

async function chatTicket(email: string): Promise<{ id: number; channel: string; tags: string[] } | null> {
  const { rows } = await t.db.query(
    `SELECT t.id, t.channel, t.tags FROM tickets t JOIN customer_identities i ON i.customer_id = t.requester_id AND i.kind = 'email' WHERE i.value = $1 ORDER BY t.id DESC LIMIT 1`,
    [email],
  );
  return rows[0] ?? null;
}

async function openWidget(page: Page): Promise<void> {
  await page.goto(siteUrl);
  await page.getByRole('button', { name: 'Open chat' }).click();
}

it('works on a page with hostile CSS: a visitor chat reaches an agent, the reply comes back live, and a reload keeps the conversation', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await openWidget(page);
  const launcher = page.getByRole('button', { name: 'Close chat' });
  expect(await launcher.evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
  await page.getByRole('textbox', { name: 'Your name' }).fill('Vera Visitor');
  await page.getByRole('textbox', { name: 'Your email' }).fill('vera@visitor.example');
  await page.getByRole('button', { name: 'Start chat' }).click();
  await page.getByRole('textbox', { name: 'Your message' }).fill('Do you have the Arc lamp in blue?');
  await page.getByRole('textbox', { name: 'Your message' }).press('Enter');

  const ticket = await eventually(() => chatTicket('vera@visitor.example'), 'the chat ticket', 10_000);
  expect(ticket.channel).toBe('chat');
  const thread = (await t.admin.get(`/api/v1/tickets/${ticket.id}/messages`)).body.data;
  expect(thread[0]).toMatchObject({ body: 'Do you have the Arc lamp in blue?', author: { type: 'customer', name: 'Vera Visitor' }, metadata: { pageUrl: siteUrl } });

  await t.admin.post(`/api/v1/tickets/${ticket.id}/messages`, { body: 'We do! Shall I reserve one?' });
  await t.admin.post(`/api/v1/tickets/${ticket.id}/messages`, { body: 'Internal: check stock first', internal: true });
  await page.getByText('We do! Shall I reserve one?').waitFor();

  await page.reload();
  await page.getByRole('button', { name: 'Open chat' }).click();
  await page.getByText('Do you have the Arc lamp in blue?').waitFor();
  await page.getByText('We do! Shall I reserve one?').waitFor();
  expect(await page.getByText('Internal: check stock first').count()).toBe(0);

  // The host page is left as it was: one element added, no styles of ours outside the shadow root.
  expect(await page.evaluate(() => [document.querySelectorAll('style').length, document.body.querySelectorAll(':scope > tend-chat').length])).toEqual([1, 1]);
  await context.close();
});

it('shows agents with their initials, emails the transcript and takes a callback request', async () => {
  const agent = await t.user('agent', { name: 'Ana Lima' });
  const { id: queueId } = (await t.admin.post('/api/v1/phone/callback-queues', { name: 'Lamp calls', maxWaitSeconds: 900 })).body;
  await t.admin.patch(`/api/v1/chat/channels/${channelId}`, { settings: { callbackQueueId: queueId } });
  const context = await browser.newContext();
  const page = await context.newPage();
  await openWidget(page);
  await page.getByRole('textbox', { name: 'Your name' }).fill('Tom Transcript');
  await page.getByRole('button', { name: 'Start chat' }).click();
  await page.getByRole('textbox', { name: 'Your message' }).fill('Which bulb fits the Arc lamp?');
  await page.getByRole('textbox', { name: 'Your message' }).press('Enter');
  const { rows } = await eventually(async () => {
    const found = await t.db.query(`SELECT ticket_id FROM chat_visitors WHERE name = 'Tom Transcript' AND ticket_id IS NOT NULL`);
    return found.rows.length ? found : null;
  }, 'the chat ticket', 10_000);
  const ticketId = rows[0].ticket_id as number;
  expect((await agent.post(`/api/v1/tickets/${ticketId}/messages`, { body: 'An E27 bulb, up to 60 W.' })).status).toBe(201);
  await page.getByText('An E27 bulb, up to 60 W.').waitFor();
  const avatar = page.locator('[data-avatar]').last();
  expect(await avatar.textContent()).toBe('AL');
  expect(await avatar.getAttribute('title')).toBe('Ana');
  expect(await avatar.evaluate((el) => getComputedStyle(el).borderRadius)).toBe('50%');

  await page.getByRole('button', { name: 'Email me the transcript' }).click();
  await page.getByRole('textbox', { name: 'Your email' }).fill('tom@visitor.example');
  await page.getByRole('button', { name: 'Send', exact: true }).first().click();
  await page.getByRole('status').getByText('We sent the transcript to tom@visitor.example.').waitFor();
  const mail = await eventually(async () => mailed.find((m) => m.to && JSON.stringify(m.to).includes('tom@visitor.example')), 'the transcript mail', 20_000);
  expect(mail.subject).toBe('Your conversation with Lamp Shop');
  expect(mail.text).toContain('You: Which bulb fits the Arc lamp?');
  expect(mail.text).toContain('Ana: An E27 bulb, up to 60 W.');
  expect(mail.from?.value[0]?.address).toBe('lamps@shop.example');

  await page.getByRole('button', { name: 'Call me back' }).click();
  await page.getByRole('textbox', { name: 'Your phone number' }).fill('+44 1632 960123');
  await page.getByRole('textbox', { name: 'What is it about? (optional)' }).fill('Easier to explain on the phone');
  await page.getByRole('button', { name: 'Call me back' }).last().click();
  await page.getByRole('status').getByText("Thanks! We'll call you at +441632960123.").waitFor();
  const callback = await t.db.query(`SELECT queue_id, ticket_id, source, reason FROM callback_requests WHERE phone = '+441632960123'`);
  expect(callback.rows).toEqual([{ queue_id: queueId, ticket_id: ticketId, source: 'widget', reason: 'Easier to explain on the phone' }]);
  await context.close();
});

it('outside hours takes a message that becomes a ticket answered by email', async () => {
  await t.admin.patch(`/api/v1/chat/channels/${channelId}`, { settings: { offline: true } });
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await page.goto(siteUrl);
  // language: 'en' is pinned on the channel; switch to following the browser for this visitor.
  await t.admin.patch(`/api/v1/chat/channels/${channelId}`, { settings: { language: 'auto' } });
  await page.reload();
  await page.getByRole('button', { name: 'Chat öffnen' }).click();
  await page.getByRole('textbox', { name: 'Ihre E-Mail-Adresse' }).fill('otto@visitor.example');
  await page.getByRole('textbox', { name: 'Ihre Nachricht' }).fill('Bitte rufen Sie mich wegen einer Rücksendung an.');
  await page.getByRole('button', { name: 'Nachricht senden' }).click();
  await page.getByRole('status').getByText('otto@visitor.example').waitFor();
  const ticket = await eventually(() => chatTicket('otto@visitor.example'), 'the offline ticket', 10_000);
  expect(ticket).toMatchObject({ channel: 'email', tags: ['chat-offline'] });
  await context.close();
});

it('says chat is unavailable once the channel is deactivated, and takes nothing', async () => {
  await t.admin.patch(`/api/v1/chat/channels/${channelId}`, { active: false, settings: { language: 'en' } });
  const context = await browser.newContext();
  const page = await context.newPage();
  await openWidget(page);
  await page.getByRole('status').getByText('Chat is not available here any more.').waitFor();
  expect(await page.getByRole('textbox').count()).toBe(0);
  await context.close();
});
