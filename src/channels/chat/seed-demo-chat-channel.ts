import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../config.ts';
import type { Queryable } from '../../db/pool.ts';
import { seal, secretKey } from '../email/index.ts';
import { insertChatChannel } from './chat.queries.ts';
import { DEFAULT_SETTINGS } from './chat.types.ts';

/** The demo workspace's website chat, which `GET /widget-demo` embeds. */
export async function seedDemoChatChannel(db: Queryable): Promise<number> {
  const secret = seal(secretKey(loadConfig().dataDir), randomBytes(32).toString('hex'));
  const channel = await insertChatChannel(db, { name: 'Website chat', settings: { ...DEFAULT_SETTINGS, greeting: 'Hi! Questions about an order? Ask us here.' }, teamId: null, secret });
  return channel.id;
}
