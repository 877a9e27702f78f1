import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawnTend, type TendProcess } from '../testing/tend-process.ts';
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

it('stops in order on SIGINT under `npm start`: Tend first, its Postgres last, with no error and exit code 0', async () => {
  const { dataDir, tend } = await embeddedTend('tend-sigint-', 0);
  try {
    const url = await tend.url;
    // Requests keep coming while it stops: each is answered, or turned away as Fastify does while
    // closing (a 503 a load balancer retries elsewhere), never failed by a database already gone.
    let stopped = false;
    void tend.exited.then(() => (stopped = true));
    const answers: string[] = [];
    const ask = () => fetch(`${url}/healthz`).then(async (r) => (r.status === 200 ? 'answered' : `${r.status} ${await r.text()}`), () => 'refused');
    const lanes = Array.from({ length: 4 }, async () => {
      while (!stopped) answers.push(await ask());
    });
    await new Promise((resolve) => setTimeout(resolve, 300));

    tend.child.kill('SIGINT');
    expect(await exitCode(tend)).toBe(0);
    await Promise.all(lanes);
    const turnedAway = (answer: string) => answer === 'refused' || (answer.startsWith('503') && answer.includes('Service Unavailable'));
    expect(answers.filter((answer) => answer !== 'answered' && !turnedAway(answer))).toEqual([]);
    expect(answers).toContain('answered');
    // pino's error and fatal levels: nothing failed under a database stopped too early.
    expect(tend.output()).not.toMatch(/"level":(50|60)/);
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  } finally {
    await killAll(tend, dataDir);
  }
}, 60_000);

it('stops with exit code 0 and no error on a Ctrl-C in its terminal, which reaches its Postgres at the same moment', async () => {
  const { dataDir, tend } = await embeddedTend('tend-ctrl-c-', 1);
  try {
    await tend.url;
    // The terminal signals the whole foreground process group: the postmaster, which Tend started,
    // shuts down fast (ending every connection) while Tend stops in order.
    process.kill(-(tend.child.pid as number), 'SIGINT');
    expect(await exitCode(tend)).toBe(0);
    expect(tend.output()).not.toMatch(/"level":(50|60)/);
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  } finally {
    await killAll(tend, dataDir);
  }
}, 60_000);

/**
 * Tend as `npm start` runs it with no DATABASE_URL: on an embedded Postgres of its own, in a fresh
 * data directory, leading a process group with it (as a shell starts a command). `slot` keeps the
 * ports of the tests in this file apart.
 */
async function embeddedTend(prefix: string, slot: number) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), prefix));
  // As root, the cluster runs as the postgres user, who must be able to enter the directory.
  await chmod(dataDir, 0o755);
  const { DATABASE_URL: _external, ...env } = process.env;
  const environment = {
    ...env,
    PORT: '0',
    SMTP_PORT: '0',
    HOST: '127.0.0.1',
    TEND_DEMO: '0',
    DATA_DIR: dataDir,
    TEND_EMBEDDED_PG_PORT: String(30000 + ((process.pid + slot) % 10000)),
    LOG_LEVEL: 'warn',
  };
  return { dataDir, tend: spawnTend(environment, { processGroup: true }) };
}

/** Its exit code, or what it is doing still after a stop's grace: the test must reach its cleanup, not time out with Tend alive. */
const exitCode = (tend: TendProcess) =>
  Promise.race([tend.exited, new Promise<string>((resolve) => setTimeout(() => resolve('still running 20 s after the signal'), 20_000).unref())]);

/** Tend and its Postgres, whatever state a failure left them in, and their data. */
async function killAll(tend: TendProcess, dataDir: string) {
  try {
    process.kill(-(tend.child.pid as number), 'SIGKILL');
  } catch {
    // The group is gone: all stopped.
  }
  await rm(dataDir, { recursive: true, force: true });
}
