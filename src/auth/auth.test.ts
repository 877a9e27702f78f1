import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTend, type TestTend } from '../testing/harness.ts';
import { hashPassword } from './index.ts';

let t: TestTend;
beforeAll(async () => {
  t = await createTestTend();
  const hash = await hashPassword('correct horse');
  await t.db.query(`INSERT INTO users (email, name, role_id, password_hash) SELECT 'sam@test.example', 'Sam', id, $1 FROM roles WHERE key = 'agent'`, [hash]);
});
afterAll(() => t.close());

const login = (email: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });

describe('sign-in', () => {
  it('sets an HttpOnly session cookie and returns a CSRF token', async () => {
    const res = await login('SAM@test.example', 'correct horse');
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'tend_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(res.json().user).toMatchObject({ email: 'sam@test.example', role: 'agent' });
    expect(res.json().csrfToken).toMatch(/.{20,}/);
    const stored = await t.db.query('SELECT password_hash FROM users WHERE email = $1', ['sam@test.example']);
    expect(stored.rows[0].password_hash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a cookie-authenticated write without the CSRF token, accepts it with', async () => {
    const res = await login('sam@test.example', 'correct horse');
    const cookies = { tend_session: res.cookies.find((c) => c.name === 'tend_session')?.value ?? '' };
    const without = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', cookies, payload: { name: 'cli' } });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.message).toMatch(/CSRF/);
    const withToken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      cookies,
      headers: { 'x-csrf-token': res.json().csrfToken },
      payload: { name: 'cli' },
    });
    expect(withToken.statusCode).toBe(201);
    const read = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies });
    expect(read.json().user.name).toBe('Sam');
  });

  it('answers 401 with no session, and after logout', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    const res = await login('sam@test.example', 'correct horse');
    const cookies = { tend_session: res.cookies.find((c) => c.name === 'tend_session')?.value ?? '' };
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', cookies, headers: { 'x-csrf-token': res.json().csrfToken } });
    expect(out.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies })).statusCode).toBe(401);
  });

  it('audits failed sign-ins and locks the email after ten', async () => {
    for (let i = 0; i < 10; i++) expect((await login('locked@test.example', 'wrong')).statusCode).toBe(401);
    const audit = await t.admin.get('/api/v1/audit?action=auth.login_failed');
    expect(audit.body.data.filter((e: { entityId: string }) => e.entityId === 'locked@test.example')).toHaveLength(10);
    const eleventh = await login('locked@test.example', 'wrong');
    expect(eleventh.statusCode).toBe(429);
  });

  it('names the field at fault in a bad request', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'a@b.example' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation', field: 'password' });
  });
});

describe('API tokens', () => {
  it('are shown once, stored hashed, record last use, and stop working when revoked', async () => {
    const created = await t.admin.post('/api/v1/tokens', { name: 'integration' });
    expect(created.status).toBe(201);
    const { token, apiToken } = created.body;
    const stored = await t.db.query('SELECT token_hash FROM api_tokens WHERE id = $1', [apiToken.id]);
    expect(stored.rows[0].token_hash).not.toContain(token);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.statusCode).toBe(200);
    const listed = await t.admin.get('/api/v1/tokens');
    const entry = listed.body.data.find((x: { id: number }) => x.id === apiToken.id);
    expect(entry.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed.body)).not.toContain(token);
    expect((await t.admin.delete(`/api/v1/tokens/${apiToken.id}`)).status).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(after.statusCode).toBe(401);
  });

  it('cannot be revoked by another non-admin user', async () => {
    const agent = await t.user('agent');
    const other = await t.user('agent');
    const created = await agent.post('/api/v1/tokens', { name: 'mine' });
    expect((await other.delete(`/api/v1/tokens/${created.body.apiToken.id}`)).status).toBe(403);
    expect((await other.delete('/api/v1/tokens/999999')).status).toBe(404);
  });

  it('are looked up together for concurrent requests, each getting its own user, and a revoked one none', async () => {
    const users = await Promise.all([t.user('agent'), t.user('agent'), t.user('supervisor'), t.user('admin')]);
    const revoked = await t.user('agent');
    await t.db.query(`UPDATE api_tokens SET revoked_at = now() WHERE user_id = $1`, [revoked.userId]);
    const query = pg.Client.prototype.query;
    let lookups = 0;
    pg.Client.prototype.query = function counted(this: pg.Client, ...args: unknown[]) {
      const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string }).text;
      if (text?.includes('FROM api_tokens t JOIN users')) lookups++;
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query;
    try {
      const callers = [...users, ...users, revoked, { token: 'tend_not-a-token' }];
      const answers = await Promise.all(callers.map((c) => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${c.token}` } })));
      expect(answers.map((a) => (a.statusCode === 200 ? a.json().user.id : a.statusCode))).toEqual([...users, ...users].map((u) => u.userId).concat([401, 401]));
      expect(lookups).toBeGreaterThan(0);
      expect(lookups).toBeLessThan(callers.length / 2);
    } finally {
      pg.Client.prototype.query = query;
    }
  });
});
