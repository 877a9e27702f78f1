import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/index.ts';
import { enqueue } from '../jobs/enqueue.ts';
import { type ApiClient, createTestTend, type TestTend } from '../testing/harness.ts';
import { IDLE_TASK, SHIFT_TASK } from './index.ts';

let t: TestTend;
beforeAll(async () => {
  t = await createTestTend();
  await t.startWorker();
});
afterAll(() => t.close());

const routingOf = async (who: ApiClient) => (await t.admin.get('/api/v1/routing/agents')).body.data.find((a: { userId: number }) => a.userId === who.userId);
const statusOf = async (who: ApiClient) => {
  const { status, autoAway } = await routingOf(who);
  return { status, autoAway };
};
const jobRunAt = async (key: string): Promise<Date | null> => (await t.db.query(`SELECT run_at FROM graphile_worker.jobs WHERE key = $1`, [key])).rows[0]?.run_at ?? null;

/** A browser session for the agent: requests signed in with it count as activity. */
async function session(who: ApiClient): Promise<(url: string) => Promise<number>> {
  const { rows } = await t.db.query(`UPDATE users SET password_hash = $2 WHERE id = $1 RETURNING email`, [who.userId, await hashPassword('pw-away-test')]);
  const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: rows[0].email, password: 'pw-away-test' } });
  expect(login.statusCode).toBe(200);
  const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  return async (url) => (await t.app.inject({ method: 'GET', url, headers: { cookie } })).statusCode;
}

describe('away after inactivity', () => {
  it('times an online agent’s idle limit on the job queue, sets them away when it passes, and back online at their next request', async () => {
    const ana = await t.user('agent');
    expect((await t.admin.patch(`/api/v1/routing/agents/${ana.userId}`, { idleAwayMinutes: 5 })).body.idleAwayMinutes).toBe(5);
    expect((await t.admin.patch(`/api/v1/routing/agents/${ana.userId}`, { idleAwayMinutes: 3 })).body.error.field).toBe('idleAwayMinutes');
    const before = Date.now();
    await ana.put(`/api/v1/routing/agents/${ana.userId}/availability`, { status: 'online' });
    const due = await jobRunAt(`${IDLE_TASK}:${ana.userId}`);
    expect(due!.getTime() - before).toBeGreaterThanOrEqual(5 * 60_000 - 1_000);
    expect(due!.getTime() - before).toBeLessThan(5 * 60_000 + 10_000);

    // Six quiet minutes pass: the same timer, due now.
    await t.db.query(`UPDATE agent_availability SET last_active_at = now() - interval '6 minutes' WHERE user_id = $1`, [ana.userId]);
    await enqueue(t.db, IDLE_TASK, { userId: ana.userId }, { jobKey: `${IDLE_TASK}:${ana.userId}` });
    await expect.poll(() => statusOf(ana), { timeout: 20_000 }).toEqual({ status: 'away', autoAway: 'idle' });
    const { rows: audit } = await t.db.query(`SELECT after FROM audit_log WHERE action = 'agent.availability_changed' AND entity_id = $1 ORDER BY id DESC LIMIT 1`, [ana.userId]);
    expect(audit[0].after).toEqual({ status: 'away', autoAway: 'idle' });

    const browse = await session(ana);
    expect(await browse('/api/v1/views')).toBe(200);
    await expect.poll(() => statusOf(ana), { timeout: 10_000 }).toEqual({ status: 'online', autoAway: null });
    expect((await jobRunAt(`${IDLE_TASK}:${ana.userId}`))!.getTime()).toBeGreaterThan(Date.now() + 4 * 60_000);
  });

  it('leaves an away the agent chose alone, and a timer that activity moved on does nothing', async () => {
    const ben = await t.user('agent');
    await ben.put(`/api/v1/routing/agents/${ben.userId}/availability`, { status: 'online' });
    await enqueue(t.db, IDLE_TASK, { userId: ben.userId }, { jobKey: `${IDLE_TASK}:${ben.userId}` });
    await expect.poll(async () => (await jobRunAt(`${IDLE_TASK}:${ben.userId}`))?.getTime() ?? 0, { timeout: 20_000 }).toBeGreaterThan(Date.now() + 60_000);
    expect(await statusOf(ben)).toEqual({ status: 'online', autoAway: null });

    await ben.put(`/api/v1/routing/agents/${ben.userId}/availability`, { status: 'away' });
    expect(await jobRunAt(`${IDLE_TASK}:${ben.userId}`)).toBeNull();
    expect((await ben.post('/api/v1/routing/activity')).status).toBe(204);
    expect(await statusOf(ben)).toEqual({ status: 'away', autoAway: null });
  });
});

describe('away outside the shift', () => {
  it('sets an agent away outside their shift calendar, times the next start, and brings them back when the hours change to cover now', async () => {
    const cleo = await t.user('agent');
    const today = ((new Date().getUTCDay() + 6) % 7) + 1;
    const otherDay = ((today + 2) % 7) + 1;
    const calendar = (await t.admin.post('/api/v1/business-hours', { name: 'Cleo’s shift', timeZone: 'UTC', weeklyHours: [{ day: otherDay, start: '09:00', end: '17:00' }] })).body;
    await cleo.put(`/api/v1/routing/agents/${cleo.userId}/availability`, { status: 'online' });
    expect((await t.admin.patch(`/api/v1/routing/agents/${cleo.userId}`, { shiftCalendarId: 999_999 })).body.error.field).toBe('shiftCalendarId');

    const profile = (await t.admin.patch(`/api/v1/routing/agents/${cleo.userId}`, { shiftCalendarId: calendar.id })).body;
    expect(profile).toMatchObject({ shiftCalendarId: calendar.id, status: 'away', autoAway: 'off_shift' });
    const start = await jobRunAt(`${SHIFT_TASK}:${cleo.userId}`);
    expect(start!.getUTCHours()).toBe(9);
    expect(((start!.getUTCDay() + 6) % 7) + 1).toBe(otherDay);
    // Activity outside the shift does not bring them back.
    await cleo.post('/api/v1/routing/activity');
    expect(await statusOf(cleo)).toEqual({ status: 'away', autoAway: 'off_shift' });

    const allWeek = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: '00:00', end: '24:00' }));
    expect((await t.admin.patch(`/api/v1/business-hours/${calendar.id}`, { weeklyHours: allWeek })).status).toBe(200);
    await expect.poll(() => statusOf(cleo), { timeout: 20_000 }).toEqual({ status: 'online', autoAway: null });
    expect((await t.admin.delete(`/api/v1/business-hours/${calendar.id}`)).status).toBe(409);
  });
});
