import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTend, type TestTend } from '../testing/harness.ts';

let t: TestTend;
beforeAll(async () => {
  t = await createTestTend();
});
afterAll(() => t.close());

const berlinOffice = {
  name: 'Berlin office',
  timeZone: 'Europe/Berlin',
  weeklyHours: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '18:00' })),
  holidays: [{ date: '2026-12-25', name: 'Christmas Day', recurring: true }],
};

describe('business-hours calendars', () => {
  it('are created, read, changed and deleted by an admin, and audited', async () => {
    const created = await t.admin.post('/api/v1/business-hours', berlinOffice);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Berlin office', timeZone: 'Europe/Berlin', holidays: [{ date: '2026-12-25', recurring: true }] });
    const id = created.body.id;
    const changed = await t.admin.patch(`/api/v1/business-hours/${id}`, { timeZone: 'America/New_York', holidays: [] });
    expect(changed.body).toMatchObject({ timeZone: 'America/New_York', holidays: [], weeklyHours: berlinOffice.weeklyHours });
    expect((await t.admin.get('/api/v1/business-hours')).body.data.map((c: { id: number }) => c.id)).toContain(id);
    const audit = await t.admin.get(`/api/v1/audit?entityType=business_calendar&entityId=${id}`);
    expect(audit.body.data.map((e: { action: string }) => e.action)).toEqual(['business_calendar.updated', 'business_calendar.created']);
    expect((await t.admin.delete(`/api/v1/business-hours/${id}`)).status).toBe(204);
    expect((await t.admin.get(`/api/v1/business-hours/${id}`)).status).toBe(404);
  });

  it('holds several calendars for several regions', async () => {
    await t.admin.post('/api/v1/business-hours', { ...berlinOffice, name: 'EMEA' });
    await t.admin.post('/api/v1/business-hours', { ...berlinOffice, name: 'Americas', timeZone: 'America/New_York' });
    const zones = (await t.admin.get('/api/v1/business-hours')).body.data.map((c: { name: string; timeZone: string }) => `${c.name}:${c.timeZone}`);
    expect(zones).toEqual(expect.arrayContaining(['EMEA:Europe/Berlin', 'Americas:America/New_York']));
    expect((await t.admin.post('/api/v1/business-hours', { ...berlinOffice, name: 'EMEA' })).status).toBe(409);
  });

  it('refuses bad rules, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ weeklyHours: [] }, 'weeklyHours'],
      [{ weeklyHours: [{ day: 1, start: '18:00', end: '09:00' }] }, 'weeklyHours.0.end'],
      [{ weeklyHours: [{ day: 8, start: '09:00', end: '10:00' }] }, 'weeklyHours.0.day'],
      [{ weeklyHours: [{ day: 1, start: '09:00', end: '12:00' }, { day: 1, start: '11:00', end: '13:00' }] }, 'weeklyHours'],
      [{ holidays: [{ date: '2026-02-30', name: 'Nope', recurring: false }] }, 'holidays.0.date'],
    ];
    for (const [patch, field] of cases) {
      const res = await t.admin.post('/api/v1/business-hours', { ...berlinOffice, name: `Bad ${field}`, ...patch });
      expect(res.status, field).toBe(400);
      expect(res.body.error.field).toBe(field);
    }
  });

  it('lets agents read calendars but not change them', async () => {
    const agent = await t.user('agent');
    expect((await agent.get('/api/v1/business-hours')).status).toBe(200);
    expect((await agent.post('/api/v1/business-hours', { ...berlinOffice, name: 'Mine' })).status).toBe(403);
  });
});
