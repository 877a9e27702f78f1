import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ApiClient, TestTend } from '../testing/harness.ts';
import { type MailSink, startPortalTend } from './portal-test-helpers.ts';

/**
 * A customer in real Chromium: finds a published article in the help center with a misspelt
 * query and votes on it, then signs in to the portal with the emailed link, starts a request,
 * sees a suggested article while typing, submits anyway, and reads the agent's answer.
 */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const SHOTS = process.env.TEND_SCREENSHOTS;

let t: TestTend;
let sink: MailSink;
let browser: Browser;
let base: string;
let editor: ApiClient;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ t, sink, base, close } = await startPortalTend());
  editor = await t.user('supervisor');
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await close();
});

it('a customer finds an article despite a typo, votes, signs in by email link, is offered the article, submits, and reads the reply', async () => {
  await t.admin.patch('/api/v1/knowledge/settings', { name: 'Acme Support', logoText: 'Acme', brandColor: '#0f766e' });
  const category = (await editor.post('/api/v1/knowledge/categories', { name: 'Orders & Shipping', description: 'Tracking, delivery and returns' })).body;
  const draft = (await editor.post('/api/v1/knowledge/articles', {
    title: 'Change the shipping address of an order',
    categoryId: category.id,
    bodyHtml: '<p>Until an order ships you can change its shipping address.</p><ol><li>Open <b>Orders</b></li><li>Choose the order</li><li>Press <b>Edit address</b></li></ol>',
  })).body;
  expect((await editor.post(`/api/v1/knowledge/articles/${draft.id}/status`, { status: 'published' })).status).toBe(200);

  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  await page.goto(`${base}/help`);
  await page.getByRole('searchbox', { name: 'Search the help center' }).fill('shiping adress');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByText('Showing results for').waitFor();
  expect(await page.locator('.result mark').allTextContents()).toEqual(expect.arrayContaining(['shipping', 'address']));
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/help-search.png`, fullPage: true });
  await page.getByRole('link', { name: 'Change the shipping address of an order' }).click();
  await page.getByRole('heading', { name: 'Change the shipping address of an order' }).waitFor();
  await page.getByRole('button', { name: 'Yes' }).click();
  await page.getByText('Thanks for your feedback!').waitFor();
  expect((await editor.get(`/api/v1/knowledge/articles/${draft.id}`)).body.stats).toMatchObject({ helpful: 1, views: 2 });

  await page.getByRole('link', { name: 'Contact support' }).click();
  await page.getByLabel('Email').fill('nora@example.org');
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await page.getByText('Check your email').waitFor();
  const link = /http:\/\/\S+\/portal\/sign-in\/\S+/.exec(sink.lastTo('nora@example.org')?.text ?? '')?.[0] as string;
  await page.goto(link.replace(/^http:\/\/[^/]+/, base));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'My requests' }).waitFor();

  await page.getByRole('link', { name: 'New request' }).first().click();
  await page.getByLabel('Subject').pressSequentially('Need to change my shiping address', { delay: 10 });
  const suggestion = page.locator('#suggestions').getByRole('link', { name: 'Change the shipping address of an order' });
  await suggestion.waitFor();
  await page.getByLabel('How can we help?').fill('The order already left the warehouse, I think.');
  await page.getByLabel('Attachments').setInputFiles({ name: 'order.txt', mimeType: 'text/plain', buffer: Buffer.from('order #5521') });
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/portal-new.png`, fullPage: true });
  await page.getByRole('button', { name: 'Submit request' }).click();
  await page.getByRole('heading', { name: 'Need to change my shiping address' }).waitFor();
  const ticketId = Number(/\/portal\/requests\/(\d+)/.exec(page.url())?.[1]);

  const agent = await t.user('agent', { name: 'Sam Agent' });
  await agent.post(`/api/v1/tickets/${ticketId}/messages`, { body: 'Done: the courier will deliver to the new address.' });
  await agent.post(`/api/v1/tickets/${ticketId}/messages`, { body: 'Internal: courier fee waived', internal: true });
  await page.reload();
  await page.getByText('Done: the courier will deliver to the new address.').waitFor();
  expect(await page.getByText('Internal: courier fee waived').count()).toBe(0);
  expect(await page.getByRole('link', { name: 'order.txt' }).count()).toBe(1);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/portal-request.png`, fullPage: true });
  await page.getByRole('navigation').getByRole('link', { name: 'My requests' }).click();
  await page.getByRole('link', { name: 'Need to change my shiping address' }).waitFor();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/portal-list.png`, fullPage: true });
}, 60_000);
