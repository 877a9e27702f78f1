import { randomBytes } from 'node:crypto';
import type { Runner } from 'graphile-worker';
import pg from 'pg';
import pino from 'pino';
import { inject } from 'vitest';
import { newToken } from '../auth/index.ts';
import { loadConfig } from '../config.ts';
import { createPool, type Db } from '../db/pool.ts';
import { startWorker } from '../jobs/worker.ts';
import { type App, buildApp } from '../platform/http/app.ts';
import { routes, tasks } from '../routes.ts';
import { withDatabase } from './global-setup.ts';

export type Role = 'admin' | 'supervisor' | 'agent' | 'light_agent';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
}

/** An API caller authenticated with a bearer token, talking to the app in-process. */
export interface ApiClient {
  userId: number;
  token: string;
  get<T = any>(path: string): Promise<ApiResponse<T>>;
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  patch<T = any>(path: string, body?: unknown): Promise<ApiResponse<T>>;
  put<T = any>(path: string, body?: unknown): Promise<ApiResponse<T>>;
  delete<T = any>(path: string): Promise<ApiResponse<T>>;
}

export interface TestTend {
  app: App;
  db: Db;
  databaseUrl: string;
  admin: ApiClient;
  /** A new user with that role and an API client for them. */
  user(role: Role, fields?: { email?: string; name?: string }): Promise<ApiClient>;
  /** Starts the job worker (off by default, so tests that need no jobs stay fast). */
  startWorker(): Promise<Runner>;
  /** Starts a worker on a pool of its own, as a second app process on the same database would run it; stopped by close(). */
  startOtherProcessWorker(concurrency: number): Promise<Runner>;
  /** Listens on a loopback port, for tests that need a real HTTP client. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** A fresh database cloned from the migrated template, and an app on it. Each test file makes its own. */
export async function createTestTend(): Promise<TestTend> {
  const adminUrl = inject('adminDatabaseUrl');
  const name = `tend_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDatabase')}`);
  await admin.end();
  const databaseUrl = withDatabase(adminUrl, name);
  const db = createPool(databaseUrl, 10);
  const config = { ...loadConfig({}), databaseUrl, logLevel: 'silent' };
  const app = await buildApp({ db, config }, routes);
  await app.ready();
  let worker: Runner | null = null;
  const others: { pool: pg.Pool; runner: Runner }[] = [];

  const user = async (role: Role, fields: { email?: string; name?: string } = {}): Promise<ApiClient> => {
    const email = fields.email ?? `${role}-${randomBytes(4).toString('hex')}@test.example`;
    const { rows } = await db.query(
      `INSERT INTO users (email, name, role_id) SELECT $1, $2, id FROM roles WHERE key = $3 RETURNING id`,
      [email, fields.name ?? `Test ${role}`, role],
    );
    const userId: number = rows[0].id;
    const { token, hash } = newToken('tend');
    await db.query(`INSERT INTO api_tokens (user_id, name, token_hash, prefix) VALUES ($1, 'test', $2, 'test')`, [userId, hash]);
    return clientFor(app, userId, token);
  };

  return {
    app,
    db,
    databaseUrl,
    admin: await user('admin', { name: 'Test Admin' }),
    user,
    async startWorker() {
      worker ??= await startWorker(db, tasks, pino({ level: 'silent' }), 2);
      return worker;
    },
    async startOtherProcessWorker(concurrency) {
      const pool = createPool(databaseUrl, concurrency + 2);
      const runner = await startWorker(pool, tasks, pino({ level: 'silent' }), concurrency);
      others.push({ pool, runner });
      return runner;
    },
    async listen() {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address();
      return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    },
    async close() {
      await worker?.stop();
      for (const other of others) {
        await other.runner.stop();
        await other.pool.end();
      }
      await app.close();
      await db.end();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

export function clientFor(app: App, userId: number, token: string): ApiClient {
  const call = async (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) => {
    const response = await app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    const text = response.body;
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.statusCode, body, headers: response.headers } as ApiResponse;
  };
  return {
    userId,
    token,
    get: (path) => call('GET', path),
    post: (path, body, headers) => call('POST', path, body ?? {}, headers),
    patch: (path, body) => call('PATCH', path, body ?? {}),
    put: (path, body) => call('PUT', path, body ?? {}),
    delete: (path) => call('DELETE', path),
  };
}
