/**
 * Builds the agent app (web/) and the chat widget (widget/) before `npm start`, but only when
 * their sources changed since the last build, so restarts stay quick and a fresh clone still
 * gets a built app.
 */
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';

const ROOT = path.resolve(import.meta.dirname, '..');
const UIS = ['web', 'widget'];

function newestMtime(entry: string): number {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(entry).filter((name) => name !== 'dist' && name !== 'e2e').map((name) => newestMtime(path.join(entry, name))));
}

for (const ui of UIS) {
  const dir = path.join(ROOT, ui);
  const stamp = path.join(dir, 'dist', '.built');
  if (!process.argv.includes('--force') && existsSync(stamp) && statSync(stamp).mtimeMs >= newestMtime(dir)) continue;
  await build({ configFile: path.join(dir, 'vite.config.ts'), logLevel: 'warn' });
  writeFileSync(stamp, new Date().toISOString());
  console.log(`built ${ui}/`);
}
