import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword, systemActor } from '../../src/auth/index.ts';
import { loadConfig } from '../../src/config.ts';
import { type App, buildApp } from '../../src/platform/http/app.ts';
import { routes } from '../../src/routes.ts';
import { createTestTend, type ApiClient, type TestTend } from '../../src/testing/harness.ts';
import { createTicket } from '../../src/tickets/index.ts';
import { webAppRoutes } from '../../src/web-app/index.ts';

/** A supervisor watches queues, agents and SLAs change live while the desk works. */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const eventually = { timeout: 15_000 };

let t: TestTend;
let dist: string;
let app: App;
let browser: Browser;
let page: Page;
let ana: ApiClient;
let ben: ApiClient;
let queueId: number;
let breachedId: number;
let atRiskId: number;

const open = (subject: string, minutesAgo = 0) =>
  createTicket({ db: t.db, actor: systemActor }, { subject, requester: { email: `${subject.replace(/\W+/g, '.').toLowerCase()}@customer.example` }, message: { body: subject }, channel: 'email', createdAt: new Date(Date.now() - minutesAgo * 60_000) }).then((c) => c.ticket.id);

beforeAll(async () => {
  t = await createTestTend();
  dist = await mkdtemp(path.join(os.tmpdir(), 'tend-e2e-supervisor-'));
  await build({ configFile: path.resolve(import.meta.dirname, '../vite.config.ts'), logLevel: 'silent', build: { outDir: dist, emptyOutDir: true } });
  app = await buildApp({ db: t.db, config: { ...loadConfig({}), databaseUrl: t.databaseUrl, logLevel: 'silent' } }, [...routes.filter((r) => r !== webAppRoutes), (a: App) => webAppRoutes(a, { dist })]);
  await app.listen({ port: 0, host: '127.0.0.1' });
  await t.startWorker();

  ana = await t.user('agent', { name: 'Ana Agent' });
  ben = await t.user('agent', { name: 'Ben Agent' });
  const teamId = (await t.admin.post('/api/v1/teams', { name: 'Front desk' })).body.id;
  for (const a of [ana, ben]) await t.admin.put(`/api/v1/teams/${teamId}/members/${a.userId}`);
  await t.admin.patch(`/api/v1/routing/agents/${ana.userId}`, { capacities: { '*': 1 } });
  queueId = (await t.admin.post('/api/v1/routing/queues', { name: 'Front desk queue', teamId, strategy: 'round_robin' })).body.id;
  await t.admin.post('/api/v1/sla/policies', { name: 'One hour', firstResponseMinutes: 60, warningMinutes: 55 });
  breachedId = await open('Parcel never arrived', 120);
  atRiskId = await open('Wrong size delivered', 30);
  await ana.put(`/api/v1/routing/agents/${ana.userId}/availability`, { status: 'online' });

  const email = 'sam.supervisor@e2e.example';
  await t.db.query(`INSERT INTO users (email, name, role_id, password_hash) SELECT $1, 'Sam Supervisor', id, $2 FROM roles WHERE key = 'supervisor'`, [email, await hashPassword('pw-e2e-super')]);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  const address = app.server.address();
  await page.goto(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('pw-e2e-super');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Workspace' }).waitFor();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await t?.close();
  if (dist) await rm(dist, { recursive: true, force: true });
});

it('shows queues, agents and SLA lists, and follows the desk live', async () => {
  await page.getByRole('link', { name: 'Supervisor' }).click();
  const queues = page.getByRole('region', { name: 'Queues' });
  const agents = page.getByRole('region', { name: 'Agents' });
  const queueRow = queues.getByTestId(`queue-${queueId}`);
  // Ana took one of the two tickets (her capacity is one); the other waits.
  await expect.poll(() => queueRow.getByTestId('waiting').textContent(), eventually).toBe('1');
  await expect.poll(() => agents.getByTestId(`agent-${ana.userId}`).textContent(), eventually).toContain('email 1/1');
  await expect.poll(() => agents.getByTestId(`agent-${ben.userId}`).getByTestId('availability').textContent(), eventually).toBe('offline');
  await expect.poll(() => page.getByRole('region', { name: 'SLA breached' }).textContent(), eventually).toContain(`#${breachedId}`);
  await expect.poll(() => page.getByRole('region', { name: 'SLA at risk' }).textContent(), eventually).toContain(`#${atRiskId}`);
  expect(await page.getByRole('region', { name: 'SLA breached' }).textContent()).toMatch(/overdue 1h/);

  await mkdir('test-results', { recursive: true });
  await page.screenshot({ path: 'test-results/supervisor-1280x800.png' });

  // Without a reload: a new ticket joins the queue, then Ben comes online and takes what waits.
  await open('Refund not received');
  await expect.poll(() => queueRow.getByTestId('waiting').textContent(), eventually).toBe('2');
  await ben.put(`/api/v1/routing/agents/${ben.userId}/availability`, { status: 'online' });
  await expect.poll(() => agents.getByTestId(`agent-${ben.userId}`).getByTestId('availability').textContent(), eventually).toBe('online');
  await expect.poll(() => queueRow.getByTestId('waiting').textContent(), eventually).toBe('0');
  await expect.poll(() => agents.getByTestId(`agent-${ben.userId}`).textContent(), eventually).toContain('email 2');
});
