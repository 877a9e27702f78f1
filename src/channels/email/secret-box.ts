import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ALGORITHM = 'aes-256-gcm';
const FORMAT = 'v1';

const keys = new Map<string, Buffer>();

/**
 * The key that seals mailbox credentials and signs reply tokens: from `TEND_SECRET_KEY`, or else
 * a random key generated once into `<dataDir>/secret.key`, so a fresh install needs no setup
 * and restarts keep decrypting what was stored.
 */
export function secretKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  const fromEnv = env.TEND_SECRET_KEY;
  if (fromEnv) return createHash('sha256').update(fromEnv).digest();
  const cached = keys.get(dataDir);
  if (cached) return cached;
  const file = path.join(dataDir, 'secret.key');
  let hex: string;
  try {
    hex = readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    try {
      // 'wx': when two processes start at once, the second keeps the first one's key.
      writeFileSync(file, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    hex = readFileSync(file, 'utf8').trim();
  }
  const key = Buffer.from(hex, 'hex');
  if (key.length !== 32) throw new Error(`${file} must hold 64 hex characters`);
  keys.set(dataDir, key);
  return key;
}

export function seal(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [FORMAT, iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join(':');
}

export function unseal(key: Buffer, sealed: string): string {
  const [format, iv, tag, data] = sealed.split(':');
  if (format !== FORMAT || !iv || !tag || data === undefined) throw new Error('sealed value has an unknown format');
  const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
}

/** A short signature, so a token naming a ticket cannot be forged by guessing ticket numbers. */
export function sign(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value).digest('hex').slice(0, 12);
}
