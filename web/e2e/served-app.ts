import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { hashPassword } from '../../src/auth/index.ts';
import { loadConfig } from '../../src/config.ts';
import { type App, buildApp } from '../../src/platform/http/app.ts';
import { routes } from '../../src/routes.ts';
import { createTestTend, type TestTend } from '../../src/testing/harness.ts';
import { webAppRoutes } from '../../src/web-app/index.ts';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const PASSWORD = 'pw-e2e-served-app';

export interface ServedApp {
  t: TestTend;
  baseUrl: string;
  /** Signed in as the user asked for, at 1280×800. */
  page: Page;
  /** Saves a screenshot under test-results/ when the test failed. */
  screenshotIfFailed(context: { task: { name: string; result?: { state?: string } } }): Promise<void>;
  /** Keeps a screenshot of the page as `<name>.png` when TEND_SCREENSHOTS names a folder, to look at what changed. */
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The agent app built as in production, served by a Tend process on a fresh test database, and
 * Chromium signed in to it as a new user with the given role.
 */
export async function serveAppInBrowser(prefix: string, user: { email: string; name: string; role: string }): Promise<ServedApp> {
  const t = await createTestTend();
  const dist = await mkdtemp(path.join(os.tmpdir(), `tend-e2e-${prefix}-`));
  let app: App | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await app?.close();
    await t.close();
    await rm(dist, { recursive: true, force: true });
  };
  try {
    await build({ configFile: path.resolve(import.meta.dirname, '../vite.config.ts'), logLevel: 'silent', build: { outDir: dist, emptyOutDir: true } });
    const served = [...routes.filter((r) => r !== webAppRoutes), (a: App) => webAppRoutes(a, { dist })];
    app = await buildApp({ db: t.db, config: { ...loadConfig({}), databaseUrl: t.databaseUrl, logLevel: 'silent' } }, served);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    await t.db.query(`INSERT INTO users (email, name, role_id, password_hash) SELECT $1, $2, id, $3 FROM roles WHERE key = $4`, [user.email, user.name, await hashPassword(PASSWORD), user.role]);

    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto(baseUrl);
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Workspace' }).waitFor();

    const screenshotIfFailed: ServedApp['screenshotIfFailed'] = async (context) => {
      if (context.task.result?.state !== 'fail') return;
      await mkdir('test-results', { recursive: true });
      await page.screenshot({ path: `test-results/${prefix}-${context.task.name.replace(/\W+/g, '-')}.png` }).catch(() => {});
    };
    const shot = async (name: string) => {
      if (process.env.TEND_SCREENSHOTS) await page.screenshot({ path: path.join(process.env.TEND_SCREENSHOTS, `${name}.png`) });
    };
    return { t, baseUrl, page, screenshotIfFailed, shot, close };
  } catch (error) {
    await close();
    throw error;
  }
}
