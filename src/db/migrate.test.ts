import { mkdtemp, writeFile } from 'node:fs/promises';
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
  await writeFile(path.join(dir, '001_ok.sql'), 'CREATE TABLE half_ok (id int);');
  await writeFile(path.join(dir, '002_broken.sql'), 'CREATE TABLE half_broken (id int); SELECT no_such_function();');
  await expect(migrate(db, dir)).rejects.toThrow(/002_broken\.sql failed/);
  const tables = await db.query(`SELECT to_regclass('half_ok') AS ok, to_regclass('half_broken') AS broken`);
  expect(tables.rows[0]).toEqual({ ok: 'half_ok', broken: null });
  const applied = await db.query(`SELECT name FROM schema_migrations WHERE name LIKE '00%_%' AND name IN ('001_ok.sql', '002_broken.sql')`);
  expect(applied.rows.map((r) => r.name)).toEqual(['001_ok.sql']);
});
