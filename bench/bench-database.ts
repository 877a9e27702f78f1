import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../src/db/embedded.ts';

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A database of the bench's own: on DATABASE_URL's server when set, else an embedded cluster in a temporary directory. */
export async function benchDatabase(label: string): Promise<BenchDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const name = `tend_bench_${label}_${process.pid}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      async drop() {
        const cleanup = new pg.Client({ connectionString: serverUrl });
        await cleanup.connect();
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await cleanup.end();
      },
    };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), `tend-bench-${label}-pg-`));
  // As root the cluster runs as the postgres user, who must be able to enter the directory.
  await chmod(dir, 0o755);
  const port = 40000 + ((process.pid + label.length * 7) % 20000);
  const embedded = await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), port, database: 'tend_bench' });
  return {
    url: embedded.url,
    async drop() {
      await embedded.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
