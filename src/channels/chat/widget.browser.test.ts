import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
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
});

afterAll(async () => {
  await browser?.close();
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
