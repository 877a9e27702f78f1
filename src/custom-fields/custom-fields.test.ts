import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTend, type TestTend } from '../testing/harness.ts';
import { requireCustomFieldsFilled, validateCustomFieldValues } from './index.ts';

let t: TestTend;
beforeAll(async () => {
  t = await createTestTend();
  const define = (body: object) => t.admin.post('/api/v1/custom-fields', body);
  for (const body of [
    { key: 'order_ref', label: 'Order reference', type: 'text' },
    { key: 'seats', label: 'Seats', type: 'number' },
    { key: 'renewal', label: 'Renewal date', type: 'date' },
    { key: 'plan', label: 'Plan', type: 'dropdown', options: ['Free', 'Pro', 'Enterprise'], required: true },
    { key: 'vip', label: 'VIP', type: 'checkbox' },
  ]) {
    expect((await define(body)).status).toBe(201);
  }
});
afterAll(() => t.close());

const validate = (values: Record<string, unknown>, partial = false) => validateCustomFieldValues(t.db, values, { partial });
const failureOf = (promise: Promise<unknown>) => promise.then(() => null, (error: { field?: string; message: string }) => error);

describe('validateCustomFieldValues', () => {
  it('normalises each type: trimmed text, numbers, YYYY-MM-DD dates, booleans, dropdown choices', async () => {
    const values = await validate({ order_ref: '  A-17 ', seats: '12', renewal: '2025-02-28T10:00:00Z', plan: 'Pro', vip: 'true' });
    expect(values).toEqual({ order_ref: 'A-17', seats: 12, renewal: '2025-02-28', plan: 'Pro', vip: true });
    expect(await validate({ seats: 2.5, vip: false, plan: 'Free' })).toEqual({ seats: 2.5, vip: false, plan: 'Free' });
    expect(await validate({ seats: ' 1e3 ', plan: 'Free' })).toEqual({ seats: 1000, plan: 'Free' });
  });

  it.each([
    ['order_ref', 42, /must be text/],
    ['seats', 'twelve', /must be a number/],
    ['seats', Number.NaN, /must be a number/],
    ['renewal', '2025-02-30', /must be a date/],
    ['renewal', '28/02/2025', /must be a date/],
    ['vip', 'yes', /must be true or false/],
    ['plan', 'Gold', /must be one of: Free, Pro, Enterprise/],
  ])('rejects %s = %j naming the field', async (key, value, message) => {
    const error = await failureOf(validate({ plan: 'Pro', [key]: value }));
    expect(error).toMatchObject({ code: 'validation', field: `customFields.${key}` });
    expect(error?.message).toMatch(message);
  });

  it('rejects a key that no active field has', async () => {
    expect(await failureOf(validate({ plan: 'Pro', colour: 'red' }))).toMatchObject({ field: 'customFields.colour' });
  });

  it('requires required fields in a complete set of values, but not in a partial update', async () => {
    expect(await failureOf(validate({ seats: 3 }))).toMatchObject({ field: 'customFields.plan', message: 'Plan is required' });
    expect(await failureOf(validate({ plan: '' }))).toMatchObject({ field: 'customFields.plan' });
    expect(await validate({ seats: 3 }, true)).toEqual({ seats: 3 });
  });

  it('keeps a none as null in a partial update, to clear the field; drops it from a complete set', async () => {
    expect(await validate({ seats: null, order_ref: '', plan: null }, true)).toEqual({ seats: null, order_ref: null, plan: null });
    expect(await validate({ plan: 'Pro', seats: null })).toEqual({ plan: 'Pro' });
  });

  it('checks that stored values fill every required field, ignoring retired keys', async () => {
    await expect(requireCustomFieldsFilled(t.db, { plan: 'Pro', retired_field: 'x' })).resolves.toBeUndefined();
    expect(await failureOf(requireCustomFieldsFilled(t.db, { seats: 3 }))).toMatchObject({ field: 'customFields.plan' });
    expect(await failureOf(requireCustomFieldsFilled(t.db, { plan: ' ' }))).toMatchObject({ field: 'customFields.plan' });
  });

  it('ignores deactivated fields: their keys cannot be set, only cleared, and their requirement lapses', async () => {
    const created = await t.admin.post('/api/v1/custom-fields', { key: 'region', label: 'Region', type: 'text', required: true, active: false });
    expect(created.status).toBe(201);
    expect(await failureOf(validate({ plan: 'Pro', region: 'EU' }))).toMatchObject({ field: 'customFields.region' });
    expect(await validate({ plan: 'Pro' })).toEqual({ plan: 'Pro' });
    expect(await validate({ region: null }, true)).toEqual({ region: null });
  });
});

describe('custom field administration', () => {
  it('lists active fields in position order to every signed-in user, inactive ones on request', async () => {
    const agent = await t.user('light_agent');
    const listed = await agent.get('/api/v1/custom-fields');
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((f: { key: string }) => f.key)).toEqual(['order_ref', 'seats', 'renewal', 'plan', 'vip']);
    const all = await agent.get('/api/v1/custom-fields?includeInactive=true');
    expect(all.body.data.map((f: { key: string }) => f.key)).toContain('region');
  });

  it.each([
    [{ key: 'Bad Key', label: 'x', type: 'text' }, 'key'],
    [{ key: 'size', label: 'Size', type: 'colour' }, 'type'],
    [{ key: 'size', label: '   ', type: 'text' }, 'label'],
    [{ key: 'size', label: 'Size', type: 'dropdown' }, 'options'],
    [{ key: 'size', label: 'Size', type: 'dropdown', options: ['S', 'S'] }, 'options'],
    [{ key: 'size', label: 'Size', type: 'number', options: ['S'] }, 'options'],
  ])('refuses %j with 400 naming %s', async (body, field) => {
    const res = await t.admin.post('/api/v1/custom-fields', body);
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(field);
  });

  it('refuses a second field with the same key', async () => {
    const res = await t.admin.post('/api/v1/custom-fields', { key: 'seats', label: 'Seats again', type: 'number' });
    expect(res.status).toBe(409);
    expect(res.body.error.field).toBe('key');
  });

  it('updates a dropdown’s options, audits before and after, and validation follows at once', async () => {
    const plan = (await t.admin.get('/api/v1/custom-fields')).body.data.find((f: { key: string }) => f.key === 'plan');
    const res = await t.admin.patch(`/api/v1/custom-fields/${plan.id}`, { options: ['Free', 'Pro', 'Gold'], label: 'Plan tier' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ key: 'plan', type: 'dropdown', options: ['Free', 'Pro', 'Gold'], label: 'Plan tier' });
    expect(await validate({ plan: 'Gold' })).toEqual({ plan: 'Gold' });
    expect(await failureOf(validate({ plan: 'Enterprise' }))).toMatchObject({ field: 'customFields.plan' });
    expect((await t.admin.patch(`/api/v1/custom-fields/${plan.id}`, { options: [] })).body.error.field).toBe('options');

    const audit = await t.admin.get(`/api/v1/audit?entityType=custom_field&entityId=${plan.id}&action=custom_field.updated`);
    expect(audit.body.data[0]).toMatchObject({
      actor: { userId: t.admin.userId },
      before: { options: ['Free', 'Pro', 'Enterprise'], label: 'Plan' },
      after: { options: ['Free', 'Pro', 'Gold'], label: 'Plan tier' },
    });
  });

  it('is reserved to custom_fields.manage', async () => {
    const agent = await t.user('agent');
    expect((await agent.post('/api/v1/custom-fields', { key: 'mine', label: 'Mine', type: 'text' })).status).toBe(403);
    const seats = (await agent.get('/api/v1/custom-fields')).body.data.find((f: { key: string }) => f.key === 'seats');
    expect((await agent.patch(`/api/v1/custom-fields/${seats.id}`, { label: 'Chairs' })).status).toBe(403);
    expect((await agent.delete(`/api/v1/custom-fields/${seats.id}`)).status).toBe(403);
  });

  it('deletes a field, after which its key is unknown', async () => {
    const created = await t.admin.post('/api/v1/custom-fields', { key: 'temp', label: 'Temp', type: 'checkbox' });
    expect((await t.admin.delete(`/api/v1/custom-fields/${created.body.id}`)).status).toBe(204);
    expect((await t.admin.get(`/api/v1/custom-fields/${created.body.id}`)).status).toBe(404);
    expect(await failureOf(validate({ plan: 'Pro', temp: true }))).toMatchObject({ field: 'customFields.temp' });
    expect(await validate({ temp: null }, true)).toEqual({ temp: null });
    const audit = await t.admin.get(`/api/v1/audit?entityType=custom_field&entityId=${created.body.id}&action=custom_field.deleted`);
    expect(audit.body.data[0].before).toMatchObject({ key: 'temp', type: 'checkbox' });
  });
});
