import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, hashToken, PERMISSIONS } from '../auth/index.ts';
import type { AppError } from '../platform/errors.ts';
import { createTestTend, type TestTend } from '../testing/harness.ts';
import { deactivateAgent } from './index.ts';

let t: TestTend;
beforeAll(async () => {
  t = await createTestTend();
});
afterAll(() => t.close());

let seq = 0;
const uniqueEmail = (label: string) => `${label}-${++seq}-${process.pid}@agents.example`;

const login = (email: string, password: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
const acceptInvite = (token: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/agents/accept-invite', payload: { token, password } });
const tokenOf = (inviteUrl: string) => new URL(inviteUrl).searchParams.get('token') as string;

async function invite(body: Record<string, unknown> = {}) {
  const email = uniqueEmail('invitee');
  const res = await t.admin.post('/api/v1/agents', { email, name: 'Ines Invitee', role: 'agent', ...body });
  expect(res.status).toBe(201);
  return { email, agent: res.body.agent, token: tokenOf(res.body.inviteUrl), inviteUrl: res.body.inviteUrl as string };
}

async function sessionFor(email: string, password: string) {
  const res = await login(email, password);
  expect(res.statusCode).toBe(200);
  return { cookies: { tend_session: res.cookies.find((c) => c.name === 'tend_session')?.value ?? '' }, csrf: res.json().csrfToken as string };
}

/** A role made directly in the database, so these tests do not depend on the roles API. */
async function customRole(key: string, permissions: string[]) {
  await t.db.query(`INSERT INTO roles (key, name, permissions) VALUES ($1, $1, $2) ON CONFLICT (key) DO NOTHING`, [key, permissions]);
}

describe('invitations', () => {
  it('invite, accept with a password, then sign in', async () => {
    const { email, agent, inviteUrl, token } = await invite();
    expect(agent).toMatchObject({ email, name: 'Ines Invitee', role: 'agent', status: 'invited', timeZone: 'UTC' });
    expect(inviteUrl.startsWith(`${t.app.deps.config.publicUrl}/accept-invite?token=`)).toBe(true);
    expect((await login(email, 'a long enough password')).statusCode).toBe(401);

    const accepted = await acceptInvite(token, 'a long enough password');
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().agent).toMatchObject({ id: agent.id, status: 'active' });
    const signedIn = await login(email, 'a long enough password');
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().user).toMatchObject({ id: agent.id, role: 'agent' });

    const stored = await t.db.query(`SELECT password_hash, invite_token_hash FROM users WHERE id = $1`, [agent.id]);
    expect(stored.rows[0].password_hash).toMatch(/^\$argon2id\$/);
    expect(stored.rows[0].invite_token_hash).toBeNull();
  });

  it('stores only the hash of the invite token and never returns hashes', async () => {
    const { agent, token } = await invite();
    const stored = await t.db.query(`SELECT invite_token_hash, invite_expires_at FROM users WHERE id = $1`, [agent.id]);
    expect(stored.rows[0].invite_token_hash).toBe(hashToken(token));
    const inDays = (stored.rows[0].invite_expires_at.getTime() - Date.now()) / 86_400_000;
    expect(inDays).toBeGreaterThan(6.9);
    expect(inDays).toBeLessThanOrEqual(7);
    const read = await t.admin.get(`/api/v1/agents/${agent.id}`);
    expect(JSON.stringify(read.body)).not.toMatch(/hash|password|token/i);
    const list = await t.admin.get('/api/v1/agents?limit=100');
    expect(JSON.stringify(list.body)).not.toContain(hashToken(token));
  });

  it('spends the token on first use and refuses a short password, naming the field', async () => {
    const { token } = await invite();
    const short = await acceptInvite(token, 'short');
    expect(short.statusCode).toBe(400);
    expect(short.json().error.field).toBe('password');
    expect((await acceptInvite(token, 'first password here')).statusCode).toBe(200);
    const again = await acceptInvite(token, 'second password here');
    expect(again.statusCode).toBe(400);
    expect(again.json().error.field).toBe('token');
  });

  it('refuses an expired invite', async () => {
    const { agent, token } = await invite();
    await t.db.query(`UPDATE users SET invite_expires_at = now() - interval '1 minute' WHERE id = $1`, [agent.id]);
    expect((await acceptInvite(token, 'a long enough password')).statusCode).toBe(400);
  });

  it('re-issuing an invite replaces the old link; an active agent cannot be re-invited', async () => {
    const { agent, token: oldToken } = await invite();
    const reissued = await t.admin.post(`/api/v1/agents/${agent.id}/invite`);
    expect(reissued.status).toBe(200);
    const newToken = tokenOf(reissued.body.inviteUrl);
    expect(newToken).not.toBe(oldToken);
    expect((await acceptInvite(oldToken, 'a long enough password')).statusCode).toBe(400);
    expect((await acceptInvite(newToken, 'a long enough password')).statusCode).toBe(200);
    expect((await t.admin.post(`/api/v1/agents/${agent.id}/invite`)).status).toBe(409);
  });

  it('answers bad invites with 4xx naming the field', async () => {
    const taken = await invite();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ email: 'not-an-email', name: 'X', role: 'agent' }, 400, 'email'],
      [{ email: taken.email.toUpperCase(), name: 'X', role: 'agent' }, 409, 'email'],
      [{ email: uniqueEmail('x'), name: 'X', role: 'no_such_role' }, 400, 'role'],
      [{ email: uniqueEmail('x'), name: '   ', role: 'agent' }, 400, 'name'],
      [{ email: uniqueEmail('x'), name: 'X', role: 'agent', teamIds: [987654] }, 400, 'teamIds'],
    ];
    for (const [body, status, field] of cases) {
      const res = await t.admin.post('/api/v1/agents', body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.error.field, JSON.stringify(body)).toBe(field);
    }
    const failed = await t.db.query(`SELECT count(*)::int AS n FROM users WHERE name = 'X'`);
    expect(failed.rows[0].n).toBe(0);
  });

  it('puts the invitee into the given teams', async () => {
    const team = await t.admin.post('/api/v1/teams', { name: `Billing ${process.pid}` });
    const { agent } = await invite({ teamIds: [team.body.id] });
    const teams = await t.admin.get(`/api/v1/agents/${agent.id}/teams`);
    expect(teams.body.data.map((x: { id: number }) => x.id)).toEqual([team.body.id]);
  });

  it('records who invited whom in the audit log', async () => {
    const { agent, email } = await invite();
    const audit = await t.admin.get(`/api/v1/audit?entityType=user&entityId=${agent.id}&action=agent.invited`);
    expect(audit.body.data).toHaveLength(1);
    expect(audit.body.data[0]).toMatchObject({ actor: { userId: t.admin.userId }, after: { email, role: 'agent', status: 'invited' } });
  });
});

describe('permissions, checked in the actions', () => {
  it('an agent may not invite, change roles, deactivate or re-invite', async () => {
    const agent = await t.user('agent');
    const other = await t.user('agent');
    expect((await agent.post('/api/v1/agents', { email: uniqueEmail('nope'), name: 'N', role: 'agent' })).status).toBe(403);
    expect((await agent.patch(`/api/v1/agents/${other.userId}`, { role: 'admin' })).status).toBe(403);
    expect((await agent.patch(`/api/v1/agents/${agent.userId}`, { role: 'admin' })).status).toBe(403);
    expect((await agent.patch(`/api/v1/agents/${other.userId}`, { name: 'Renamed' })).status).toBe(403);
    expect((await agent.post(`/api/v1/agents/${other.userId}/deactivate`)).status).toBe(403);
    const { agent: invited } = await invite();
    expect((await agent.post(`/api/v1/agents/${invited.id}/invite`)).status).toBe(403);
  });

  it('every signed-in user, light agents too, may list and read agents', async () => {
    const light = await t.user('light_agent', { name: 'Lia Light' });
    const list = await light.get(`/api/v1/agents?q=lia%20light`);
    expect(list.status).toBe(200);
    expect(list.body.data.map((a: { id: number }) => a.id)).toEqual([light.userId]);
    expect((await light.get(`/api/v1/agents/${t.admin.userId}`)).body.role).toBe('admin');
  });

  it('a custom role with only tickets.read can read tickets and nothing more', async () => {
    await customRole('reader', ['tickets.read']);
    const reader = await t.user('agent');
    const changed = await t.admin.patch(`/api/v1/agents/${reader.userId}`, { role: 'reader' });
    expect(changed.status).toBe(200);
    expect(changed.body.role).toBe('reader');
    expect((await reader.get('/api/v1/tickets')).status).toBe(200);
    expect((await reader.post('/api/v1/teams', { name: `Readers ${process.pid}` })).status).toBe(403);
    const ticket = await reader.post('/api/v1/tickets', { subject: 'Hi', requester: { email: 'c@customers.example' }, message: { body: 'Hello' } });
    expect(ticket.status).toBe(403);
    expect((await reader.get('/api/v1/auth/me')).body.user.permissions).toEqual(['tickets.read']);
  });

  it('records a role change with before and after', async () => {
    const agent = await t.user('agent');
    await t.admin.patch(`/api/v1/agents/${agent.userId}`, { role: 'supervisor' });
    const audit = await t.admin.get(`/api/v1/audit?entityType=user&entityId=${agent.userId}&action=agent.updated`);
    expect(audit.body.data[0]).toMatchObject({ actor: { userId: t.admin.userId }, before: { role: 'agent' }, after: { role: 'supervisor' } });
    expect(audit.body.data[0].createdAt).toEqual(expect.any(String));
  });

  it('someone who may manage users cannot hand out or take away more than they hold', async () => {
    // Everything an agent holds (whatever later capabilities add to that role), plus managing users.
    const agentRole = await t.db.query(`SELECT permissions FROM roles WHERE key = 'agent'`);
    await customRole('people_manager', [...agentRole.rows[0].permissions, 'users.manage']);
    const manager = await t.user('agent');
    expect((await t.admin.patch(`/api/v1/agents/${manager.userId}`, { role: 'people_manager' })).status).toBe(200);
    const promote = await manager.patch(`/api/v1/agents/${manager.userId}`, { role: 'admin' });
    expect(promote.status).toBe(403);
    expect(promote.body.error.message).toMatch(/roles.manage|users.manage|settings.manage/);
    expect((await manager.post('/api/v1/agents', { email: uniqueEmail('boss'), name: 'Boss', role: 'admin' })).status).toBe(403);
    expect((await manager.post(`/api/v1/agents/${t.admin.userId}/deactivate`)).status).toBe(403);
    const agent = await t.user('agent');
    expect((await manager.patch(`/api/v1/agents/${agent.userId}`, { name: 'Allowed' })).status).toBe(200);
    expect((await manager.post('/api/v1/agents', { email: uniqueEmail('peer'), name: 'Peer', role: 'agent' })).status).toBe(201);
  });
});

describe('the last active admin', () => {
  it('cannot be demoted or deactivated; once another admin exists, can be', async () => {
    const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM users u JOIN roles r ON r.id = u.role_id WHERE r.key = 'admin' AND u.status = 'active'`);
    expect(rows[0].n).toBe(1);
    const demote = await t.admin.patch(`/api/v1/agents/${t.admin.userId}`, { role: 'agent' });
    expect(demote.status).toBe(409);
    expect(demote.body.error.message).toMatch(/last active admin/);
    expect((await t.admin.post(`/api/v1/agents/${t.admin.userId}/deactivate`)).status).toBe(409);

    // An invited or deactivated admin does not count.
    await invite({ role: 'admin' });
    const retired = await t.user('admin');
    expect((await t.admin.post(`/api/v1/agents/${retired.userId}/deactivate`)).status).toBe(200);
    expect((await t.admin.patch(`/api/v1/agents/${t.admin.userId}`, { role: 'agent' })).status).toBe(409);

    const second = await t.user('admin');
    expect((await second.patch(`/api/v1/agents/${second.userId}`, { role: 'supervisor' })).status).toBe(200);
    expect((await second.get('/api/v1/auth/me')).body.user.role).toBe('supervisor');
    expect((await t.admin.post(`/api/v1/agents/${t.admin.userId}/deactivate`)).status).toBe(409);
  });

  it('holds when the only two admins deactivate each other at the same time', async () => {
    const a = await t.user('admin');
    const b = await t.user('admin');
    const setRole = (id: number, key: string) => t.db.query(`UPDATE users SET role_id = (SELECT id FROM roles WHERE key = $2) WHERE id = $1`, [id, key]);
    const activeAdmins = async () =>
      (await t.db.query(`SELECT u.id FROM users u JOIN roles r ON r.id = u.role_id WHERE r.key = 'admin' AND u.status = 'active'`)).rows.map((r) => r.id);
    const adminActor = (userId: number): Actor => ({ kind: 'user', userId, name: `admin ${userId}`, role: 'admin', permissions: new Set(PERMISSIONS) });
    await setRole(t.admin.userId, 'supervisor');
    const first = await t.db.connect();
    try {
      expect((await activeAdmins()).sort()).toEqual([a.userId, b.userId].sort());
      // A deactivates B in a transaction held open while B, still signed in, deactivates A.
      await first.query('BEGIN');
      await deactivateAgent({ db: first, actor: adminActor(a.userId) }, b.userId);
      let settled = false;
      const second = deactivateAgent({ db: t.db, actor: adminActor(b.userId) }, a.userId).then(
        () => 'deactivated',
        (error: AppError) => error.code,
      ).finally(() => (settled = true));
      while (!settled && (await t.db.query(`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted`)).rows[0].n === 0) {
        await new Promise((resolve) => setImmediate(resolve));
      }
      await first.query('COMMIT');
      expect(await second).toBe('conflict');
      expect(await activeAdmins()).toEqual([a.userId]);
    } finally {
      first.release();
      await setRole(t.admin.userId, 'admin');
    }
  });
});

describe('deactivation', () => {
  it('ends sessions, stops API tokens, and reactivation lets them back in', async () => {
    const { email, token, agent } = await invite();
    await acceptInvite(token, 'a long enough password');
    const session = await sessionFor(email, 'a long enough password');
    const apiToken = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', cookies: session.cookies, headers: { 'x-csrf-token': session.csrf }, payload: { name: 'cli' } });
    const bearer = { authorization: `Bearer ${apiToken.json().token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer })).statusCode).toBe(200);

    const deactivated = await t.admin.post(`/api/v1/agents/${agent.id}/deactivate`);
    expect(deactivated.status).toBe(200);
    expect(deactivated.body.status).toBe('deactivated');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: session.cookies })).statusCode).toBe(401);
    const sessions = await t.db.query(`SELECT count(*)::int AS n FROM sessions WHERE user_id = $1`, [agent.id]);
    expect(sessions.rows[0].n).toBe(0);
    expect((await login(email, 'a long enough password')).statusCode).toBe(401);

    const reactivated = await t.admin.post(`/api/v1/agents/${agent.id}/reactivate`);
    expect(reactivated.body.status).toBe('active');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer })).statusCode).toBe(200);
    expect((await login(email, 'a long enough password')).statusCode).toBe(200);
    const audit = await t.admin.get(`/api/v1/audit?entityType=user&entityId=${agent.id}&action=agent.deactivated`);
    expect(audit.body.data[0]).toMatchObject({ before: { status: 'active' }, after: { status: 'deactivated' } });
  });

  it('someone who never accepted goes back to invited when reactivated', async () => {
    const { agent } = await invite();
    await t.admin.post(`/api/v1/agents/${agent.id}/deactivate`);
    expect((await t.admin.post(`/api/v1/agents/${agent.id}/reactivate`)).body.status).toBe('invited');
    expect((await t.admin.post(`/api/v1/agents/${agent.id}/reactivate`)).status).toBe(409);
  });
});

describe('own profile and password', () => {
  it('an agent changes their own name and time zone, not an unknown zone', async () => {
    const agent = await t.user('agent');
    const res = await agent.patch(`/api/v1/agents/${agent.userId}`, { name: ' Ana ', timeZone: 'Europe/Berlin' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Ana', timeZone: 'Europe/Berlin', role: 'agent' });
    const bad = await agent.patch(`/api/v1/agents/${agent.userId}`, { timeZone: 'Mars/Olympus' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('timeZone');
  });

  it('changing the password keeps this session, ends the others, and needs the current password', async () => {
    const { email, token } = await invite();
    await acceptInvite(token, 'the old password');
    const here = await sessionFor(email, 'the old password');
    const elsewhere = await sessionFor(email, 'the old password');
    const change = (body: object) =>
      t.app.inject({ method: 'PUT', url: '/api/v1/agents/me/password', cookies: here.cookies, headers: { 'x-csrf-token': here.csrf }, payload: body });

    const wrong = await change({ currentPassword: 'not the password', newPassword: 'the new password' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.field).toBe('currentPassword');
    expect((await change({ currentPassword: 'the old password', newPassword: 'tiny' })).json().error.field).toBe('newPassword');

    expect((await change({ currentPassword: 'the old password', newPassword: 'the new password' })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: here.cookies })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: elsewhere.cookies })).statusCode).toBe(401);
    expect((await login(email, 'the old password')).statusCode).toBe(401);
    expect((await login(email, 'the new password')).statusCode).toBe(200);
  });
});

describe('listing', () => {
  it('pages through agents by name with a cursor and filters by status and role', async () => {
    const prefix = `Zed${process.pid}`;
    const made = [await t.user('agent', { name: `${prefix} A` }), await t.user('supervisor', { name: `${prefix} B` }), await t.user('agent', { name: `${prefix} C` })];
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: { id: number }[]; nextCursor: string | null } } = await t.admin.get(
        `/api/v1/agents?q=${prefix}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.body.data.map((a) => a.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(made.map((m) => m.userId));
    const supervisors = await t.admin.get(`/api/v1/agents?q=${prefix}&role=supervisor&status=active`);
    expect(supervisors.body.data.map((a: { id: number }) => a.id)).toEqual([made[1]?.userId]);
    expect((await t.admin.get('/api/v1/agents?cursor=garbage')).body.error.field).toBe('cursor');
  });
});
