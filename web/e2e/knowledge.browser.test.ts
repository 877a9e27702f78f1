import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { TestTend } from '../../src/testing/harness.ts';
import { type ServedApp, serveAppInBrowser } from './served-app.ts';

/**
 * A supervisor writes and publishes an article in the rich editor and finds it in the help center;
 * an agent links it from the reply box; tickets are tagged in bulk from the list.
 * TEND_SCREENSHOTS=<dir> keeps screenshots of the screens along the way.
 */

let served: ServedApp;
let t: TestTend;
let baseUrl: string;
let page: Page;

beforeAll(async () => {
  served = await serveAppInBrowser('knowledge', { email: 'sol@e2e.example', name: 'Sol Supervisor', role: 'supervisor' });
  ({ t, baseUrl, page } = served);
}, 180_000);

afterEach(async (context) => {
  await served.screenshotIfFailed(context);
});

afterAll(async () => {
  await served?.close();
});

const eventually = { timeout: 10_000 };
const shot = (name: string) => served.shot(name);

it('writes an article with a heading and a list, publishes it, sees it in the help center, and restores an earlier revision', async () => {
  await page.getByRole('link', { name: 'Knowledge' }).click();
  await page.getByRole('link', { name: 'New article' }).click();
  await page.getByLabel('Title').fill('Reset your router');
  const body = page.getByRole('textbox', { name: 'Article body' });
  await body.click();
  await page.getByRole('button', { name: 'Heading', exact: true }).click();
  await page.keyboard.type('Before you start');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Keep a pen nearby for the password on the sticker.');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Bulleted list' }).click();
  await page.keyboard.type('Hold the reset button for ten seconds');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Wait for the light to turn green');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Callout' }).click();
  await page.keyboard.type('Resetting also restores the factory Wi-Fi name.');
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.waitForURL(/\/knowledge\/articles\/\d+$/);
  await page.getByRole('button', { name: 'Unpublish' }).waitFor();
  await shot('knowledge-editor');

  const id = Number(/\/knowledge\/articles\/(\d+)$/.exec(page.url())?.[1]);
  const saved = (await t.admin.get(`/api/v1/knowledge/articles/${id}`)).body;
  expect(saved).toMatchObject({ title: 'Reset your router', status: 'published', revision: 1 });
  expect(saved.bodyHtml).toContain('<h2>Before you start</h2>');
  expect(saved.bodyHtml).toMatch(/<ul><li><p>Hold the reset button for ten seconds<\/p><\/li><li><p>Wait for the light to turn green<\/p><\/li><\/ul>/);
  expect(saved.bodyHtml).toContain('<div class="callout"><p>Resetting also restores the factory Wi-Fi name.</p></div>');

  // A second revision, then back to the first through the history and its diff.
  await page.getByLabel('Title').fill('Reset your home router');
  await page.getByRole('button', { name: 'Save and update' }).click();
  await page.getByText('Saved.').waitFor();
  await page.getByRole('tab', { name: 'history' }).click();
  await page.getByRole('button', { name: /Revision 1/ }).click();
  const diff = page.getByTestId('revision-diff');
  await expect.poll(() => diff.locator('ins').allTextContents(), eventually).toContain('home ');
  await shot('knowledge-diff');
  await page.getByRole('button', { name: 'Restore revision 1' }).click();
  await expect.poll(() => page.getByLabel('Title').inputValue(), eventually).toBe('Reset your router');
  expect((await t.admin.get(`/api/v1/knowledge/articles/${id}`)).body).toMatchObject({ title: 'Reset your router', revision: 3 });

  // A browser context of its own: the help center as a visitor sees it, without the agent's session.
  const help = await page.context().browser()!.newPage({ viewport: { width: 1280, height: 800 } });
  await help.goto(`${baseUrl}/help`);
  await help.getByRole('searchbox', { name: 'Search the help center' }).fill('router reset');
  await help.getByRole('button', { name: 'Search' }).click();
  await help.getByRole('link', { name: 'Reset your router' }).click();
  await help.getByRole('heading', { name: 'Before you start' }).waitFor();
  expect(await help.locator('article li').allTextContents()).toEqual(['Hold the reset button for ten seconds', 'Wait for the light to turn green']);
  expect(await help.locator('article .callout').textContent()).toBe('Resetting also restores the factory Wi-Fi name.');
  await help.close();

  await page.getByRole('link', { name: 'Back to the articles' }).click();
  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Published', exact: true }).click();
  await page.locator(`[data-article-id="${id}"]`).waitFor();
  await shot('knowledge-list');
  await page.getByRole('link', { name: 'Reports' }).click();
  const readership = page.getByRole('region', { name: 'Articles by readership' });
  await expect.poll(() => readership.getByRole('row').nth(1).textContent(), eventually).toContain('Reset your router');
  await shot('knowledge-reports');
}, 150_000);

it('inserts an article link from the reply box and sends it as rich text', async () => {
  const ticket = (await t.admin.post('/api/v1/tickets', {
    subject: 'Internet keeps dropping',
    requester: { email: 'rosa@customer.example', name: 'Rosa' },
    message: { body: 'My connection drops every evening.' },
    channel: 'email',
  })).body.ticket;
  await page.goto(`${baseUrl}/tickets/${ticket.id}`);
  await page.getByRole('heading', { name: 'Internet keeps dropping' }).waitFor();
  const reply = page.getByRole('textbox', { name: 'Reply to the customer' });
  await reply.click();
  await page.keyboard.type('Hi Rosa, please try this: ');
  await page.getByRole('button', { name: 'Insert from the knowledge base' }).click();
  await page.getByRole('searchbox', { name: 'Search articles' }).fill('router');
  await page.getByRole('button', { name: 'Insert link: Reset your router' }).click();
  await expect.poll(() => reply.locator('a').textContent(), eventually).toBe('Reset your router');
  await shot('reply-box-link');
  await page.getByRole('button', { name: 'Send reply' }).click();

  const sent = page.locator('[data-message-id]').last().getByRole('link', { name: 'Reset your router' });
  await sent.waitFor();
  expect(await sent.getAttribute('href')).toMatch(/\/help\/en\/articles\/\d+-reset-your-router$/);
  const messages = (await t.admin.get(`/api/v1/tickets/${ticket.id}/messages`)).body.data;
  expect(messages.at(-1)).toMatchObject({ body: 'Hi Rosa, please try this: Reset your router', internal: false });
  expect(messages.at(-1).html).toMatch(/^<p>Hi Rosa, please try this: <a [^>]*href="[^"]+\/help\/en\/articles\/\d+-reset-your-router"[^>]*>Reset your router<\/a>\s*<\/p>$/);
}, 60_000);

it('turns a good reply in the thread into a draft article and opens it in the editor', async () => {
  const ticket = (await t.admin.post('/api/v1/tickets', {
    subject: 'Printer shows error 42',
    requester: { email: 'pat@customer.example', name: 'Pat' },
    message: { body: 'The printer says E42 after every job.' },
    channel: 'email',
  })).body.ticket;
  const reply = (await t.admin.post(`/api/v1/tickets/${ticket.id}/messages`, { body: 'Error 42 means the drum is loose.\n\nOpen the front cover and push the drum in until it clicks.' })).body;
  await page.goto(`${baseUrl}/tickets/${ticket.id}`);
  const customerMessage = page.getByRole('article', { name: 'Message from Pat' });
  await customerMessage.waitFor();
  expect(await customerMessage.getByRole('button', { name: 'Create an article from this reply' }).count()).toBe(0);
  await shot('thread-article-from-reply');
  await page.locator(`[data-message-id="${reply.id}"]`).getByRole('button', { name: 'Create an article from this reply' }).click();

  await page.waitForURL(/\/knowledge\/articles\/\d+$/);
  await expect.poll(() => page.getByLabel('Title').inputValue(), eventually).toBe('Printer shows error 42');
  await page.getByRole('textbox', { name: 'Article body' }).getByText('Open the front cover and push the drum in until it clicks.').waitFor();
  const id = Number(/\/knowledge\/articles\/(\d+)$/.exec(page.url())?.[1]);
  expect((await t.admin.get(`/api/v1/knowledge/articles/${id}`)).body).toMatchObject({
    title: 'Printer shows error 42',
    status: 'draft',
    bodyHtml: '<p>Error 42 means the drum is loose.</p><p>Open the front cover and push the drum in until it clicks.</p>',
  });
  await shot('article-from-reply');
}, 60_000);

it('tags two selected tickets at once from the list', async () => {
  const ids: number[] = [];
  for (const subject of ['Bulk one: invoice copy', 'Bulk two: invoice address']) {
    ids.push((await t.admin.post('/api/v1/tickets', { subject, requester: { email: 'bulk@customer.example' }, message: { body: subject } })).body.ticket.id);
  }
  await page.getByRole('link', { name: /All open/ }).click();
  for (const id of ids) await page.getByLabel(`Select ticket ${id}`).check();
  await page.getByRole('toolbar', { name: 'Bulk actions' }).getByRole('button', { name: 'Tags' }).click();
  await page.getByLabel('Tags for the selected tickets').fill('billing, vip');
  await shot('bulk-tags');
  await page.getByRole('button', { name: 'Add tags' }).click();
  for (const id of ids) {
    await expect.poll(async () => (await t.admin.get(`/api/v1/tickets/${id}`)).body.tags, eventually).toEqual(expect.arrayContaining(['billing', 'vip']));
    await expect.poll(() => page.locator(`[data-ticket-id="${id}"]`).textContent(), eventually).toContain('vip');
  }
  expect(await page.getByRole('toolbar', { name: 'Bulk actions' }).count()).toBe(0);
}, 60_000);

it('translates an article with the original beside the editor, and lists what still lacks a translation', async () => {
  await t.admin.patch('/api/v1/knowledge/settings', { locales: ['en', 'de', 'fr'] });
  const original = (await t.admin.post('/api/v1/knowledge/articles', { title: 'Change your plan', bodyHtml: '<p>Open Billing, then choose a plan.</p>', status: 'published' })).body;
  await page.goto(`${baseUrl}/knowledge`);
  await page.getByLabel('Missing translations').check();
  const missing = page.getByRole('list', { name: 'Articles missing a translation' });
  await missing.getByRole('link', { name: 'Change your plan' }).waitFor();
  await missing.getByRole('link', { name: 'Translate to DE' }).first().click();
  await page.getByRole('region', { name: 'Other language' }).getByText('Open Billing, then choose a plan.').waitFor();
  await page.getByLabel('Title').fill('Tarif wechseln');
  await page.getByRole('textbox', { name: 'Article body' }).click();
  await page.keyboard.type('Öffnen Sie Abrechnung und wählen Sie einen Tarif.');
  await shot('knowledge-translate');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.waitForURL(/\/knowledge\/articles\/\d+$/);
  const translation = (await t.admin.get(`/api/v1/knowledge/articles/${original.id}`)).body.translations;
  expect(translation).toMatchObject([{ locale: 'de', title: 'Tarif wechseln', status: 'draft' }]);
  await page.getByRole('tab', { name: 'translations' }).click();
  await page.getByRole('link', { name: 'Translate to FR' }).waitFor();
}, 60_000);
