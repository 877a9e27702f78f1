import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { inject } from 'vitest';
import { withDatabase } from '../testing/global-setup.ts';
import { migrate } from './migrate.ts';
import { createPool, type Db } from './pool.ts';

const name = `tend_migrate_${process.pid}`;
let admin: pg.Client;
let db: Db;
beforeAll(async () => {
  admin = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  db = createPool(withDatabase(inject('adminDatabaseUrl'), name), 6);
});
afterAll(async () => {
  await db.end();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

it('applies every migration once even when two processes start together', async () => {
  const [a, b] = await Promise.all([migrate(db), migrate(db)]);
  expect([...a, ...b].sort()).toEqual(a.length ? a : b);
  expect((a.length === 0) !== (b.length === 0)).toBe(true);
  expect(await migrate(db)).toEqual([]);
});

it('never leaves a half-applied migration behind', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tend-migrations-'));
  try {
    await writeFile(path.join(dir, '001_ok.sql'), 'CREATE TABLE half_ok (id int);');
    await writeFile(path.join(dir, '002_broken.sql'), 'CREATE TABLE half_broken (id int); SELECT no_such_function();');
    await expect(migrate(db, dir)).rejects.toThrow(/002_broken\.sql failed/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const tables = await db.query(`SELECT to_regclass('half_ok') AS ok, to_regclass('half_broken') AS broken`);
  expect(tables.rows[0]).toEqual({ ok: 'half_ok', broken: null });
  const applied = await db.query(`SELECT name FROM schema_migrations WHERE name LIKE '00%_%' AND name IN ('001_ok.sql', '002_broken.sql')`);
  expect(applied.rows.map((r) => r.name)).toEqual(['001_ok.sql']);
});

it('compresses raw mail, message texts and attachments with lz4 where the server has it, and keeps them whole', async () => {
  await migrate(db);
  const hasLz4 = (await db.query(`SELECT 'lz4' = ANY(enumvals) AS has FROM pg_settings WHERE name = 'default_toast_compression'`)).rows[0].has as boolean;
  const { rows } = await db.query(
    `SELECT attrelid::regclass::text || '.' || attname AS column, attcompression AS method FROM pg_attribute
      WHERE (attrelid, attname) IN (('messages'::regclass, 'body'), ('messages'::regclass, 'html'), ('messages'::regclass, 'original_html'),
                                    ('email_inbound'::regclass, 'raw'), ('email_outbox'::regclass, 'raw'), ('attachments'::regclass, 'data'))
      ORDER BY 1`,
  );
  expect(rows).toEqual(
    ['attachments.data', 'email_inbound.raw', 'email_outbox.raw', 'messages.body', 'messages.html', 'messages.original_html'].map((column) => ({ column, method: hasLz4 ? 'l' : '' })),
  );

  // A text big and repetitive enough to be compressed comes back as it went in.
  const text = 'Where is my order? '.repeat(2000);
  await db.query(`CREATE TABLE kept_messages (LIKE messages INCLUDING ALL)`);
  await db.query(`INSERT INTO kept_messages (ticket_id, author_type, channel, body) VALUES (1, 'customer', 'email', $1)`, [text]);
  const stored = (await db.query(`SELECT body, pg_column_compression(body) AS method, pg_column_size(body) < octet_length(body) AS compressed FROM kept_messages`)).rows[0];
  expect(stored).toEqual({ body: text, method: hasLz4 ? 'lz4' : 'pglz', compressed: true });
});
