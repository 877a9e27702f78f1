import { type ChildProcess, spawn } from 'node:child_process';

export interface TendProcess {
  child: ChildProcess;
  /** The URL it serves, once it has printed it; rejects, with what it printed, if it ends before. */
  url: Promise<string>;
  /** Its exit code, once it has ended. */
  exited: Promise<number | null>;
  /** What it has printed so far, on stdout and stderr. */
  output(): string;
}

/**
 * Tend as `npm start` runs it (src/main.ts), in a process of its own, with this environment. With
 * `processGroup`, it leads a process group of its own, as a shell makes for a command: a signal sent
 * to the group (`process.kill(-pid)`, a Ctrl-C in the terminal) reaches its embedded Postgres too.
 */
export function spawnTend(env: NodeJS.ProcessEnv, { processGroup = false } = {}): TendProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: processGroup });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /Tend is running at (http:\/\/\S+)/.exec(output);
      if (found) resolve(found[1] as string);
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    void exited.then((code) => reject(new Error(`Tend exited with ${code} before it listened:\n${output}`)));
  });
  return { child, url, exited, output: () => output };
}
