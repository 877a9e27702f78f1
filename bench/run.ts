/**
 * `npm run bench` runs every benchmark; `npm run bench -- core email` runs those named.
 * A benchmark is a folder here with an `index.ts` exporting `run(): Promise<void>`, which prints
 * `name: value` lines; adding one needs no change to this file.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface Benchmark {
  run(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const available = (await readdir(here, { withFileTypes: true }))
  .filter((entry) => entry.isDirectory() && existsSync(path.join(here, entry.name, 'index.ts')))
  .map((entry) => entry.name)
  .sort();
const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !available.includes(name));
if (unknown.length) {
  console.error(`unknown benchmark: ${unknown.join(', ')} (available: ${available.join(', ')})`);
  process.exit(2);
}
for (const name of asked.length ? asked : available) {
  console.log(`# bench ${name}`);
  const bench = (await import(pathToFileURL(path.join(here, name, 'index.ts')).href)) as Benchmark;
  await bench.run();
}
