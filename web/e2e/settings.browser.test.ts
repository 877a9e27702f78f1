import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/index.ts';
import { loadConfig } from '../../src/config.ts';
import { type App, buildApp } from '../../src/platform/http/app.ts';
import { routes } from '../../src/routes.ts';
import { createTestTend, type TestTend } from '../../src/testing/harness.ts';
import { webAppRoutes } from '../../src/web-app/index.ts';

/** An admin sets Tend up through the settings screens alone; the API then holds what they entered. */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const PASSWORD = 'pw-e2e-settings';

let t: TestTend;
let dist: string;
let app: App;
let baseUrl: string;
let browser: Browser;
let page: Page;
let teamId: number;

beforeAll(async () => {
  t = await createTestTend();
  dist = await mkdtemp(path.join(os.tmpdir(), 'tend-e2e-settings-'));
  await build({ configFile: path.resolve(import.meta.dirname, '../vite.config.ts'), logLevel: 'silent', build: { outDir: dist, emptyOutDir: true } });
  const served = [...routes.filter((r) => r !== webAppRoutes), (a: App) => webAppRoutes(a, { dist })];
  app = await buildApp({ db: t.db, config: { ...loadConfig({}), databaseUrl: t.databaseUrl, logLevel: 'silent' } }, served);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  await t.db.query(`INSERT INTO users (email, name, role_id, password_hash) SELECT 'ada@e2e.example', 'Ada Admin', id, $1 FROM roles WHERE key = 'admin'`, [await hashPassword(PASSWORD)]);
  teamId = (await t.admin.post('/api/v1/teams', { name: 'Billing desk' })).body.id;

  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(baseUrl);
  await page.getByLabel('Email').fill('ada@e2e.example');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Workspace' }).waitFor();
}, 180_000);

afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  await mkdir('test-results', { recursive: true });
  await page?.screenshot({ path: `test-results/settings-${context.task.name.replace(/\W+/g, '-')}.png` }).catch(() => {});
  // The next test starts from a clean page, not from this one's open dialog.
  await page?.goto(baseUrl).catch(() => {});
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await t?.close();
  if (dist) await rm(dist, { recursive: true, force: true });
});

const eventually = { timeout: 10_000 };

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
});

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
});

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
});

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
});

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
});

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
});
