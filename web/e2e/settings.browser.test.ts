import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { TestTend } from '../../src/testing/harness.ts';
import { type ServedApp, serveAppInBrowser } from './served-app.ts';

/** An admin sets Tend up through the settings screens alone; the API then holds what they entered. */
let served: ServedApp;
let t: TestTend;
let page: Page;
let teamId: number;

beforeAll(async () => {
  served = await serveAppInBrowser('settings', { email: 'ada@e2e.example', name: 'Ada Admin', role: 'admin' });
  ({ t, page } = served);
  teamId = (await t.admin.post('/api/v1/teams', { name: 'Billing desk' })).body.id;
}, 180_000);

afterEach(async (context) => {
  await served.screenshotIfFailed(context);
  // The next test starts from a clean page, not from this one's open dialog.
  if (context.task.result?.state === 'fail') await page.goto(served.baseUrl).catch(() => {});
});

afterAll(async () => {
  await served?.close();
});

const eventually = { timeout: 10_000 };
// A loaded machine makes a browser slow, and each settings page is its own chunk, fetched on first use.
const SLOW = 60_000;

async function openSettings(label: string): Promise<void> {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: label }).click();
  await page.getByRole('heading', { level: 1 }).waitFor();
}

/** Radix Select: open the labelled trigger, pick the option. */
async function choose(label: string, option: string): Promise<void> {
  await page.getByRole('dialog').getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function save(button: string): Promise<void> {
  await page.getByRole('dialog').getByRole('button', { name: button }).click();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
}

it('adds an IMAP mailbox whose passwords are stored but never shown back', async () => {
  await openSettings('Email mailboxes');
  await page.getByRole('button', { name: 'Add mailbox' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Address').fill('billing@shop.example');
  await dialog.getByLabel('Sender name').fill('Shop billing');
  await choose('New tickets go to team', 'Billing desk');
  await choose('How mail arrives', 'Fetched from a mailbox (IMAP)');
  await dialog.getByLabel('IMAP host').fill('imap.shop.example');
  await dialog.getByLabel('IMAP user').fill('billing');
  await dialog.getByLabel('IMAP password').fill('imap-secret-1');
  await dialog.getByLabel('SMTP host').fill('smtp.shop.example');
  await dialog.getByLabel('SMTP password').fill('smtp-secret-1');
  await save('Add mailbox');

  await expect.poll(async () => (await t.admin.get('/api/v1/email/mailboxes')).body.data, eventually).toEqual([
    expect.objectContaining({
      address: 'billing@shop.example',
      name: 'Shop billing',
      teamId,
      inbound: 'imap',
      imap: expect.objectContaining({ host: 'imap.shop.example', user: 'billing', tls: true }),
      smtp: expect.objectContaining({ host: 'smtp.shop.example' }),
      hasImapPassword: true,
      hasSmtpPassword: true,
    }),
  ]);
  await page.getByRole('table', { name: 'Mailboxes' }).getByText('billing@shop.example').waitFor();

  // Editing shows that a password is stored, not what it is; saving without typing one keeps it.
  await page.getByRole('button', { name: 'Edit billing@shop.example' }).click();
  expect(await dialog.getByLabel('IMAP password').inputValue()).toBe('');
  expect(await page.content()).not.toContain('imap-secret-1');
  await dialog.getByLabel('Sender name').fill('Billing team');
  await save('Save mailbox');
  await expect.poll(async () => (await t.admin.get('/api/v1/email/mailboxes')).body.data[0], eventually).toMatchObject({ name: 'Billing team', hasImapPassword: true, hasSmtpPassword: true });
}, SLOW);

it('defines a dropdown custom field', async () => {
  await openSettings('Custom fields');
  await page.getByRole('button', { name: 'Add field' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Label').fill('Product line');
  expect(await dialog.getByLabel('Key').inputValue()).toBe('product_line');
  await choose('Type', 'Dropdown');
  await dialog.getByLabel('Choices, one a line').fill('Lamps\nChairs\nTables');
  await dialog.getByLabel('Required').check();
  await save('Add field');

  await expect.poll(async () => (await t.admin.get('/api/v1/custom-fields')).body.data, eventually).toEqual([
    expect.objectContaining({ key: 'product_line', label: 'Product line', type: 'dropdown', options: ['Lamps', 'Chairs', 'Tables'], required: true, active: true }),
  ]);
}, SLOW);

it('creates a custom role and shows the server’s error next to the field it names', async () => {
  await openSettings('Roles');
  await page.getByRole('button', { name: 'New role' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill('Billing specialist');
  await dialog.getByLabel('Key').fill('Billing!');
  await dialog.getByLabel('Reply to customers').check();
  await dialog.getByLabel('Edit customers').check();
  await dialog.getByRole('button', { name: 'Create role' }).click();
  await expect.poll(() => dialog.getByLabel('Key').getAttribute('aria-invalid'), eventually).toBe('true');

  await dialog.getByLabel('Key').fill('billing_specialist');
  await save('Create role');
  await expect.poll(async () => (await t.admin.get('/api/v1/roles')).body.data.find((r: { key: string }) => r.key === 'billing_specialist'), eventually).toMatchObject({
    name: 'Billing specialist',
    builtIn: false,
    permissions: ['tickets.read', 'tickets.reply', 'customers.write'],
  });
}, SLOW);

it('adds a webhook for chosen events and shows its secret once', async () => {
  await openSettings('Webhooks');
  await page.getByRole('button', { name: 'Add webhook' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('URL').fill('https://hooks.shop.example/tend');
  await dialog.getByLabel('Description').fill('Order system');
  await dialog.getByLabel('Every event, including kinds added later').uncheck();
  await dialog.getByLabel('Ticket created').check();
  await dialog.getByLabel('SLA breached').check();
  await save('Add webhook');

  const secret = await page.getByRole('status').getByLabel('Signing secret', { exact: true }).textContent();
  expect(secret?.length).toBeGreaterThan(20);
  await expect.poll(async () => (await t.admin.get('/api/v1/webhooks')).body.data, eventually).toEqual([
    expect.objectContaining({ url: 'https://hooks.shop.example/tend', description: 'Order system', events: ['ticket.created', 'sla.breached'], active: true }),
  ]);
  await page.getByRole('button', { name: 'Done' }).click();
  expect(await page.content()).not.toContain(secret);
}, SLOW);

it('adds an SLA policy with conditions, targets in hours and an escalation', async () => {
  await openSettings('SLA policies');
  await page.getByRole('button', { name: 'Add policy' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name', { exact: true }).fill('Urgent email');
  await dialog.getByRole('group', { name: 'Priority' }).getByLabel('Urgent').check();
  await dialog.getByRole('group', { name: 'Channel' }).getByLabel('Email').check();
  await dialog.getByLabel('First response', { exact: true }).fill('');
  await choose('First response unit', 'hours');
  await dialog.getByLabel('First response', { exact: true }).fill('2');
  await dialog.getByLabel('Resolution', { exact: true }).fill('1');
  await choose('Resolution unit', 'days');
  await dialog.getByLabel('Raise the priority one step').check();
  await save('Add policy');

  await expect.poll(async () => (await t.admin.get('/api/v1/sla/policies')).body.data, eventually).toEqual([
    expect.objectContaining({
      name: 'Urgent email',
      active: true,
      conditions: { priority: ['urgent'], channel: ['email'] },
      firstResponseMinutes: 120,
      nextResponseMinutes: null,
      resolutionMinutes: 1440,
      pauseStatuses: ['pending', 'on_hold'],
      escalation: expect.objectContaining({ raisePriority: true }),
    }),
  ]);
  await page.getByRole('table', { name: 'SLA policies' }).getByText('2 h', { exact: true }).waitFor();
}, SLOW);

it('adds a routing queue for a team', async () => {
  await openSettings('Routing queues');
  await page.getByRole('button', { name: 'Add queue' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name', { exact: true }).fill('Billing questions');
  await choose('Team', 'Billing desk');
  await choose('Assign by', 'Least loaded');
  await dialog.getByLabel('Has any of these tags').first().fill('billing, invoice');
  await save('Add queue');

  await expect.poll(async () => (await t.admin.get('/api/v1/routing/queues')).body.data, eventually).toEqual([
    expect.objectContaining({ name: 'Billing questions', teamId, strategy: 'least_loaded', active: true, conditions: { tags: ['billing', 'invoice'] }, skillRules: [] }),
  ]);
}, SLOW);

it('adds a shared view that appears in the sidebar', async () => {
  await openSettings('Views');
  await page.getByRole('button', { name: 'Add view' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name', { exact: true }).fill('Billing backlog');
  await dialog.getByRole('group', { name: 'Status' }).getByLabel('On hold').check();
  await dialog.getByLabel('Carries all of these tags').fill('billing');
  await choose('Team', 'Billing desk');
  await dialog.getByLabel('Shared with every agent').check();
  await save('Add view');

  await expect.poll(async () => (await t.admin.get('/api/v1/views')).body.data.find((v: { name: string }) => v.name === 'Billing backlog'), eventually).toMatchObject({
    shared: true,
    filters: { status: ['new', 'open', 'pending', 'on_hold'], tag: ['billing'], teamId: String(teamId) },
  });
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: /Billing backlog/ }).waitFor();
}, SLOW);

it('connects a telephony provider, shows its secret once, lists it, edits its team, deactivates it and replaces its secret', async () => {
  await openSettings('Phone');
  await page.getByRole('button', { name: 'Connect provider' }).click();
  await page.getByRole('dialog').getByLabel('Provider name').fill('Office PBX');
  await save('Connect');
  const connected = page.getByRole('status').filter({ hasText: 'Office PBX' });
  const secret = await connected.getByLabel('Signing secret', { exact: true }).textContent();
  expect(secret).toMatch(/^[0-9a-f]{64}$/);
  await connected.getByRole('button', { name: 'Done' }).click();
  const table = page.getByRole('table', { name: 'Telephony providers' });
  await table.getByText('Office PBX', { exact: true }).waitFor();
  expect(await page.getByText(secret ?? '').count()).toBe(0);

  await table.getByRole('button', { name: 'Edit Office PBX' }).click();
  await page.getByRole('dialog').getByLabel('Provider name').fill('Front desk PBX');
  await choose('Call tickets go to team', 'Billing desk');
  await served.shot('settings-phone-edit');
  await save('Save channel');
  await table.getByRole('cell', { name: 'Billing desk' }).waitFor();

  await table.getByRole('button', { name: 'Deactivate Front desk PBX' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Deactivate' }).click();
  await table.getByRole('button', { name: 'Reactivate Front desk PBX' }).waitFor();
  await expect.poll(async () => (await t.admin.get('/api/v1/phone/channels')).body.data, eventually).toEqual([expect.objectContaining({ name: 'Front desk PBX', teamId, active: false })]);

  await table.getByRole('button', { name: 'New signing secret for Front desk PBX' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Replace secret' }).click();
  const replaced = await page.getByRole('status').getByLabel('New signing secret', { exact: true }).textContent();
  expect(replaced).toMatch(/^[0-9a-f]{64}$/);
  expect(replaced).not.toBe(secret);
  await served.shot('settings-phone');
}, SLOW);

it('deactivates a chat widget that has conversations, picks its callback queue, and deletes one nobody used', async () => {
  const queue = (await t.admin.post('/api/v1/phone/callback-queues', { name: 'Call me back', maxWaitSeconds: 1800 })).body;
  const used = (await t.admin.post('/api/v1/chat/channels', { name: 'Shop chat', settings: { preChatForm: 'off' } })).body.channel;
  const visitor = await t.app.inject({ method: 'POST', url: `/widget/channels/${used.id}/visitors`, payload: {} });
  expect(visitor.statusCode).toBe(201);
  await t.admin.post('/api/v1/chat/channels', { name: 'Old landing page' });
  // A fresh load: the Phone page's test left the callback queue list cached from before this queue existed.
  await page.goto(`${served.baseUrl}/settings/chat`);
  await page.getByRole('heading', { level: 1, name: 'Website chat' }).waitFor();
  const table = page.getByRole('table', { name: 'Chat widgets' });

  await table.getByRole('button', { name: 'Edit Shop chat' }).click();
  await choose('Callback queue', 'Call me back');
  await served.shot('settings-chat-edit');
  await save('Save chat');
  await expect.poll(async () => (await t.admin.get('/api/v1/chat/channels')).body.data.find((c: { id: number }) => c.id === used.id)?.settings.callbackQueueId, eventually).toBe(queue.id);

  await table.getByRole('button', { name: 'Delete Shop chat' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('alert').getByText('deactivate it instead').waitFor();
  await table.getByRole('button', { name: 'Deactivate Shop chat' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Deactivate' }).click();
  await table.getByRole('button', { name: 'Reactivate Shop chat' }).waitFor();
  expect((await t.app.inject({ method: 'GET', url: `/widget/channels/${used.id}` })).json().available).toBe(false);

  await table.getByRole('button', { name: 'Delete Old landing page' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
  await expect.poll(async () => (await t.admin.get('/api/v1/chat/channels')).body.data.map((c: { name: string; active: boolean }) => [c.name, c.active]), eventually).toEqual([['Shop chat', false]]);
  await table.getByText('Old landing page', { exact: true }).waitFor({ state: 'detached' });
  expect(await table.evaluate((el) => el.parentElement!.scrollWidth <= el.parentElement!.clientWidth)).toBe(true);
  await served.shot('settings-chat');
}, SLOW);

it('routes a queue by the customer’s language and tags', async () => {
  await openSettings('Routing queues');
  await page.getByRole('button', { name: 'Add queue' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name', { exact: true }).fill('German VIPs');
  await choose('Team', 'Billing desk');
  await dialog.getByLabel('Customer speaks').first().fill('de, de-AT');
  await dialog.getByLabel('Customer has any of these tags').first().fill('vip');
  await served.shot('settings-queue-conditions');
  await save('Add queue');

  await expect.poll(async () => (await t.admin.get('/api/v1/routing/queues')).body.data.find((q: { name: string }) => q.name === 'German VIPs'), eventually).toMatchObject({
    conditions: { language: ['de', 'de-AT'], customerTags: ['vip'] },
  });
  await page.getByRole('table', { name: 'Routing queues' }).getByText('speaks de, de-AT · customer tags vip').waitFor();
  await served.shot('settings-queues');
}, SLOW);

it('registers an approved template on a WhatsApp channel, names the gap in its placeholders, and removes it', async () => {
  const channel = await t.admin.post('/api/v1/messaging/channels', {
    kind: 'meta_whatsapp',
    name: 'Shop WhatsApp',
    accountId: 'PN-settings',
    address: '+4930123456',
    credentials: { accessToken: 'token', appSecret: 'secret', verifyToken: 'verify' },
  });
  await openSettings('SMS & social');
  await page.getByRole('button', { name: 'Edit Shop WhatsApp' }).click();
  const form = page.getByRole('dialog').getByRole('form', { name: 'Add a template' });
  await form.getByLabel('Template name').fill('order_update');
  await form.getByLabel('Language').fill('en_GB');
  await form.getByLabel('Approved text').fill('Hello {{2}}');
  await form.getByRole('button', { name: 'Add template' }).click();
  await form.getByText('placeholders are numbered from {{1}} without a gap; {{1}} is missing').waitFor();
  await form.getByLabel('Approved text').fill('Hello {{1}}, your order {{2}} has shipped.');
  await form.getByRole('button', { name: 'Add template' }).click();
  const list = page.getByRole('dialog').getByRole('list', { name: 'Approved templates' });
  await list.getByText('Hello {{1}}, your order {{2}} has shipped.').waitFor(eventually);
  await expect.poll(async () => (await t.admin.get(`/api/v1/messaging/channels/${channel.body.id}/templates`)).body.data, eventually).toEqual([
    expect.objectContaining({ name: 'order_update', language: 'en_GB', variables: 2 }),
  ]);
  await served.shot('settings-whatsapp-templates');

  await list.getByRole('button', { name: 'Delete order_update' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
  await list.getByText('No templates yet.').waitFor(eventually);
  await page.keyboard.press('Escape');
}, SLOW);
