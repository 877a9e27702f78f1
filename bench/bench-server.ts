import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
}

/** Starts a Tend process for a benchmark from `script`, which prints `READY <url>` once it listens; resolves with its address. */
export function startServerProcess(script: string, databaseUrl: string, nodeArgs: string[] = []): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
    env: { ...process.env, DATABASE_URL: databaseUrl, TEND_DEMO: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
    child.stdout?.on('data', (data: Buffer) => {
      const ready = /READY (\S+)/.exec(data.toString());
      if (ready) resolve({ url: ready[1] as string, child });
    });
  });
}

/** Stops it and waits until it is gone. */
export async function stopServerProcess({ child }: ServerProcess): Promise<void> {
  child.kill('SIGTERM');
  await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
}

/** A process's resident memory now and at its peak, in MB, as the kernel counts it. */
export async function processMemoryMb(pid: number): Promise<{ now: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return { now: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}
