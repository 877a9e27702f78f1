import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** Unset: Tend runs its own embedded Postgres under `dataDir`. */
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  dataDir: string;
  seedDemo: boolean;
  /** Port of the embedded Postgres; only used when `databaseUrl` is unset. */
  embeddedPgPort: number;
  publicUrl: string;
  logLevel: string;
}

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new Error(`${name} must be a port number, got "${raw}"`);
  }
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = intFromEnv('PORT', 3000);
  const host = env.HOST || '0.0.0.0';
  return {
    port,
    host,
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR || './data'),
    seedDemo: env.TEND_DEMO !== '0',
    embeddedPgPort: intFromEnv('TEND_EMBEDDED_PG_PORT', 54329),
    publicUrl: env.PUBLIC_URL || `http://localhost:${port}`,
    logLevel: env.LOG_LEVEL || 'info',
  };
}
