import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../db/embedded.ts';
import { migrate } from '../db/migrate.ts';
import { createPool } from '../db/pool.ts';
import { installJobQueue } from '../jobs/worker.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    templateDatabase: string;
  }
}

/**
 * Gives the whole run one migrated template database; each test file clones it
 * (CREATE DATABASE … TEMPLATE), which takes milliseconds. With no DATABASE_URL the
 * run starts its own embedded Postgres in a temporary directory.
 */
export default async function setup(project: TestProject) {
  let adminUrl = process.env.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | null = null;
  let tempDir: string | null = null;
  if (!adminUrl) {
    tempDir = await mkdtemp(path.join(os.tmpdir(), 'tend-test-pg-'));
    // As root, the cluster runs as the postgres user, who must be able to enter the directory.
    await chmod(tempDir, 0o755);
    const embedded = await startEmbeddedPostgres({ dir: path.join(tempDir, 'pg'), port: 20000 + (process.pid % 20000), database: 'postgres' });
    adminUrl = embedded.url;
    stopEmbedded = embedded.stop;
  }
  const template = `tend_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  const templatePool = createPool(withDatabase(adminUrl, template), 2);
  await migrate(templatePool);
  await installJobQueue(templatePool);
  await templatePool.end();

  project.provide('adminDatabaseUrl', adminUrl);
  project.provide('templateDatabase', template);

  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.end();
    await stopEmbedded?.();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
