import { createHmac, randomUUID } from 'node:crypto';
import { getCalendar, isBusinessTime } from '../../business-hours/index.ts';
import { hashToken, newToken, systemActor } from '../../auth/index.ts';
import { normalizeIdentity } from '../../customers/index.ts';
import type { Db, Queryable } from '../../db/pool.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { sameSignature } from '../messaging/index.ts';
import { unseal } from '../email/index.ts';
import { insertVisitor, selectChatChannel, selectLatestTicketOfUser, selectVisitorByToken } from './chat.queries.ts';
import type { ChatChannel, ChatSettings, Visitor } from './chat.types.ts';

export async function activeChannel(db: Queryable, id: number): Promise<ChatChannel> {
  const channel = await selectChatChannel(db, id);
  if (!channel?.active) throw notFound('chat channel');
  return channel;
}

/** What the widget needs before a visitor says anything; nothing secret. */
export interface WidgetConfig {
  channelId: number;
  name: string;
  settings: Omit<ChatSettings, 'businessCalendarId' | 'offline' | 'callbackQueueId'>;
  /** False once an admin deactivated the channel: the widget says chat is unavailable and takes nothing. */
  available: boolean;
  /** False when switched off or outside business hours: the widget takes a message answered by email. */
  online: boolean;
  callbacks: boolean;
}

export async function widgetConfig(db: Db, channelId: number, now = new Date()): Promise<WidgetConfig> {
  const channel = await selectChatChannel(db, channelId);
  if (!channel) throw notFound('chat channel');
  const { businessCalendarId, offline, callbackQueueId, ...settings } = channel.settings;
  if (!channel.active) return { channelId, name: channel.name, settings, available: false, online: false, callbacks: false };
  let online = !offline;
  if (online && businessCalendarId !== null) {
    const calendar = await getCalendar({ db, actor: systemActor }, businessCalendarId).catch(() => null);
    online = calendar === null || isBusinessTime(calendar, now);
  }
  return { channelId, name: channel.name, settings, available: true, online, callbacks: callbackQueueId !== null };
}

/** The signature a host app puts beside a user id: hex HMAC-SHA256 of the id, keyed with the channel secret. */
export const identitySignature = (secret: string, userId: string) => createHmac('sha256', secret).update(userId).digest('hex');

export interface StartVisitorInput {
  name?: string;
  email?: string;
  /** A logged-in user of the host app, vouched for by its signature. */
  identity?: { userId: string; signature: string };
}

/**
 * Gives a browser a visitor token (kept in its localStorage). A signed identity is checked
 * against the channel secret, and continues the user's latest conversation from any device.
 */
export async function startVisitor(db: Db, key: Buffer, channelId: number, input: StartVisitorInput): Promise<{ token: string; visitor: Visitor }> {
  const channel = await activeChannel(db, channelId);
  const email = input.email?.trim() ? normalizeIdentity('email', input.email, 'email') : null;
  let externalUserId: string | null = null;
  if (input.identity) {
    if (!sameSignature(input.identity.signature, identitySignature(unseal(key, channel.secret), input.identity.userId))) {
      throw new AppError('unauthenticated', 'the identity signature does not match this channel', 'identity.signature');
    }
    externalUserId = input.identity.userId;
  }
  if (channel.settings.preChatForm === 'required' && !email && !externalUserId) throw invalid('email', 'this chat asks for your email first');
  const { token, hash } = newToken('tendv');
  const visitor = await insertVisitor(db, {
    id: randomUUID(),
    channelId,
    tokenHash: hash,
    externalUserId,
    name: input.name?.trim() ?? '',
    email,
    customerId: null,
    ticketId: externalUserId ? await selectLatestTicketOfUser(db, channelId, externalUserId) : null,
  });
  return { token, visitor };
}

export async function visitorOf(db: Queryable, channelId: number, token: string | undefined): Promise<Visitor> {
  const visitor = token ? await selectVisitorByToken(db, channelId, hashToken(token)) : null;
  if (!visitor) throw new AppError('unauthenticated', 'unknown visitor token; start a new chat');
  return visitor;
}
