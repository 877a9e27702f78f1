import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ServedApp, serveAppInBrowser } from './served-app.ts';

/** A supervisor watches callbacks arrive on the Calls page, live, and works one through. */
let served: ServedApp;
beforeAll(async () => {
  served = await serveAppInBrowser('calls', { email: 'sue@calls.example', name: 'Sue Supervisor', role: 'supervisor' });
  // Building the app for production takes a while on a busy machine.
}, 180_000);
afterAll(async () => served?.close());

it('shows waiting callbacks live, and lets the agent take one and complete it with an outcome', async (context) => {
  const { t, page } = served;
  try {
    const queue = (await t.admin.post('/api/v1/phone/callback-queues', { name: 'Orders', maxWaitSeconds: 600 })).body;
    await page.getByRole('link', { name: 'Calls' }).click();
    await page.getByRole('heading', { name: 'Calls', exact: true }).waitFor();
    await page.getByRole('group', { name: 'Callbacks waiting' }).getByText('0', { exact: true }).waitFor();

    await t.admin.post('/api/v1/callbacks', { queueId: queue.id, phone: '+441632960321', name: 'Cleo Customer', reason: 'Where is my order?' });
    await page.getByRole('group', { name: 'Callbacks waiting' }).getByText('1', { exact: true }).waitFor({ timeout: 15_000 });
    const waiting = page.getByRole('region', { name: 'Callbacks waiting' });
    await waiting.getByText('Where is my order?').waitFor();
    await waiting.getByRole('button', { name: 'Take' }).click();

    const mine = page.getByRole('region', { name: 'My callbacks' });
    await mine.getByText('Cleo Customer').waitFor({ timeout: 15_000 });
    await mine.getByLabel('Outcome').selectOption('voicemail');
    await mine.getByLabel('Call notes').fill('Left a message about the delivery');
    await mine.getByRole('button', { name: 'Complete' }).click();
    await mine.getByText('No callbacks for you right now.').waitFor({ timeout: 15_000 });
    const { rows } = await t.db.query(`SELECT status, outcome, notes FROM callback_requests WHERE phone = '+441632960321'`);
    expect(rows).toEqual([{ status: 'done', outcome: 'voicemail', notes: 'Left a message about the delivery' }]);
    await page.getByRole('group', { name: 'Callbacks waiting' }).getByText('0', { exact: true }).waitFor();
  } finally {
    await served.screenshotIfFailed(context);
  }
}, 60_000);
