import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../auth/index.ts';
import { createTestTend, type TestTend } from '../testing/harness.ts';

let t: TestTend;
beforeAll(async () => {
  t = await createTestTend();
});
afterAll(() => t.close());

const roleNamed = async (key: string) => (await t.admin.get('/api/v1/roles')).body.data.find((r: { key: string }) => r.key === key);

describe('roles', () => {
  it('lists the four built-in roles with their permissions to every signed-in user', async () => {
    const light = await t.user('light_agent');
    const res = await light.get('/api/v1/roles');
    expect(res.status).toBe(200);
    expect(res.body.data.slice(0, 4).map((r: { key: string; builtIn: boolean }) => [r.key, r.builtIn])).toEqual([
      ['admin', true],
      ['supervisor', true],
      ['agent', true],
      ['light_agent', true],
    ]);
    const lightRole = res.body.data.find((r: { key: string }) => r.key === 'light_agent');
    expect(lightRole.permissions).toEqual(['tickets.read', 'tickets.note', 'customers.read']);
    expect(lightRole.userCount).toBeGreaterThanOrEqual(1);
  });

  it('describes every permission a role can carry, with its area and what it allows', async () => {
    const res = await (await t.user('agent')).get('/api/v1/roles/permissions');
    expect(res.status).toBe(200);
    expect(res.body.data.map((p: { key: string }) => p.key)).toEqual([...PERMISSIONS]);
    expect(res.body.data).toContainEqual({ key: 'tickets.note', area: 'Tickets', label: 'Write internal notes' });
    expect(res.body.data.every((p: { area: string; label: string }) => p.area && p.label)).toBe(true);
  });

  it('a custom role grants exactly its permissions, read afresh on every request', async () => {
    const created = await t.admin.post('/api/v1/roles', { key: 'ticket_reader', name: ' Ticket reader ', permissions: ['tickets.read', 'tickets.read'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ key: 'ticket_reader', name: 'Ticket reader', permissions: ['tickets.read'], builtIn: false, userCount: 0 });

    const reader = await t.user('agent');
    expect((await t.admin.patch(`/api/v1/agents/${reader.userId}`, { role: 'ticket_reader' })).status).toBe(200);
    expect((await reader.get('/api/v1/auth/me')).body.user.permissions).toEqual(['tickets.read']);
    expect((await reader.get('/api/v1/roles')).status).toBe(200);
    const refused = await reader.post('/api/v1/teams', { name: 'Readers' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/ticket_reader.*teams\.manage/);

    const widened = await t.admin.patch(`/api/v1/roles/${created.body.id}`, { permissions: ['teams.manage', 'tickets.read'] });
    expect(widened.body.permissions).toEqual(['tickets.read', 'teams.manage']);
    expect((await reader.post('/api/v1/teams', { name: 'Readers' })).status).toBe(201);
  });

  it('records a change of permissions with who, before, after and when', async () => {
    const created = await t.admin.post('/api/v1/roles', { key: 'billing', name: 'Billing', permissions: ['tickets.read'] });
    await t.admin.patch(`/api/v1/roles/${created.body.id}`, { name: 'Billing desk', permissions: ['tickets.read', 'tickets.reply'] });
    const audit = await t.admin.get(`/api/v1/audit?entityType=role&entityId=${created.body.id}`);
    expect(audit.body.data.map((e: { action: string }) => e.action)).toEqual(['role.updated', 'role.created']);
    expect(audit.body.data[0]).toMatchObject({
      actor: { userId: t.admin.userId, kind: 'token' },
      before: { key: 'billing', name: 'Billing', permissions: ['tickets.read'] },
      after: { key: 'billing', name: 'Billing desk', permissions: ['tickets.read', 'tickets.reply'] },
      createdAt: expect.any(String),
    });
  });

  it('only roles.manage may create, change or delete roles', async () => {
    const custom = await t.admin.post('/api/v1/roles', { key: 'triage', name: 'Triage', permissions: ['tickets.read'] });
    for (const role of ['agent', 'supervisor', 'light_agent'] as const) {
      const user = await t.user(role);
      expect((await user.post('/api/v1/roles', { key: `by_${role}`, name: 'Mine', permissions: [] })).status).toBe(403);
      expect((await user.patch(`/api/v1/roles/${custom.body.id}`, { name: 'Taken over' })).status).toBe(403);
      expect((await user.delete(`/api/v1/roles/${custom.body.id}`)).status).toBe(403);
    }
    expect((await t.admin.get(`/api/v1/roles/${custom.body.id}`)).body.name).toBe('Triage');
  });

  it('built-in roles can be neither changed nor deleted', async () => {
    for (const key of ['admin', 'agent']) {
      const role = await roleNamed(key);
      const changed = await t.admin.patch(`/api/v1/roles/${role.id}`, { permissions: ['tickets.read'] });
      expect(changed.status).toBe(403);
      expect(changed.body.error.message).toMatch(/built-in/);
      expect((await t.admin.delete(`/api/v1/roles/${role.id}`)).status).toBe(403);
    }
    expect((await roleNamed('agent')).permissions).toContain('tickets.reply');
  });

  it('someone with roles.manage cannot write or reshape a role beyond their own permissions', async () => {
    const managerRole = await t.admin.post('/api/v1/roles', { key: 'role_manager', name: 'Role manager', permissions: ['roles.manage', 'tickets.read'] });
    const manager = await t.user('agent');
    await t.admin.patch(`/api/v1/agents/${manager.userId}`, { role: 'role_manager' });

    const escalate = await manager.post('/api/v1/roles', { key: 'sneaky', name: 'Sneaky', permissions: ['tickets.read', 'users.manage'] });
    expect(escalate.status).toBe(403);
    expect(escalate.body.error.message).toMatch(/users\.manage/);
    expect((await manager.patch(`/api/v1/roles/${managerRole.body.id}`, { permissions: ['roles.manage', 'tickets.read', 'settings.manage'] })).status).toBe(403);
    const strong = await t.admin.post('/api/v1/roles', { key: 'strong', name: 'Strong', permissions: ['tickets.read', 'webhooks.manage'] });
    expect((await manager.patch(`/api/v1/roles/${strong.body.id}`, { permissions: ['tickets.read'] })).status).toBe(403);
    expect((await manager.delete(`/api/v1/roles/${strong.body.id}`)).status).toBe(403);

    const modest = await manager.post('/api/v1/roles', { key: 'modest', name: 'Modest', permissions: ['tickets.read'] });
    expect(modest.status).toBe(201);
  });

  it('deletes a custom role only once nobody holds it, and audits what it was', async () => {
    const created = await t.admin.post('/api/v1/roles', { key: 'seasonal', name: 'Seasonal', permissions: ['tickets.read', 'tickets.note'] });
    const holder = await t.user('agent');
    await t.admin.patch(`/api/v1/agents/${holder.userId}`, { role: 'seasonal' });
    await t.admin.post(`/api/v1/agents/${holder.userId}/deactivate`);
    const refused = await t.admin.delete(`/api/v1/roles/${created.body.id}`);
    expect(refused.status).toBe(409);
    expect((await t.admin.get(`/api/v1/roles/${created.body.id}`)).body.userCount).toBe(1);

    await t.admin.patch(`/api/v1/agents/${holder.userId}`, { role: 'agent' });
    expect((await t.admin.delete(`/api/v1/roles/${created.body.id}`)).status).toBe(204);
    expect((await t.admin.get(`/api/v1/roles/${created.body.id}`)).status).toBe(404);
    const audit = await t.admin.get(`/api/v1/audit?entityType=role&entityId=${created.body.id}&action=role.deleted`);
    expect(audit.body.data[0].before).toEqual({ key: 'seasonal', name: 'Seasonal', permissions: ['tickets.read', 'tickets.note'] });
  });

  it.each([
    [{ key: 'Bad Key', name: 'x', permissions: [] }, 'key'],
    [{ key: 'ok_key', name: '', permissions: [] }, 'name'],
    [{ key: 'ok_key', name: 'Ok' }, 'permissions'],
    [{ key: 'ok_key', name: 'Ok', permissions: ['tickets.read', 'tickets.fly'] }, 'permissions.1'],
  ])('refuses %j with 400 naming %s', async (body, field) => {
    const res = await t.admin.post('/api/v1/roles', body);
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(field);
  });

  it('refuses a second role with a key already in use', async () => {
    const res = await t.admin.post('/api/v1/roles', { key: 'supervisor', name: 'Another supervisor', permissions: [] });
    expect(res.status).toBe(409);
    expect(res.body.error.field).toBe('key');
  });
});
