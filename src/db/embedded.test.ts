import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded.ts';

let dir: string;
let postmaster: ChildProcess;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tend-embedded-'));
  // Stands in for a postmaster started on the directory: a live process with the directory on its command line.
  postmaster = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)', dir], { stdio: 'ignore' });
});
afterAll(async () => {
  postmaster.kill();
  await rm(dir, { recursive: true, force: true });
});

it('refuses, naming the process, to start a second Postgres on a data directory one is running on', async () => {
  await writeFile(path.join(dir, 'PG_VERSION'), '15\n');
  await writeFile(path.join(dir, 'postmaster.pid'), `${postmaster.pid}\n${dir}\n`);
  await expect(startEmbeddedPostgres({ dir, port: 1, database: 'tend' })).rejects.toThrow(
    `the Postgres under ${dir} is already running (pid ${postmaster.pid}): another Tend is using it, or an earlier one did not stop it`,
  );
});
