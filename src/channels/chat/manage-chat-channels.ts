import { randomBytes } from 'node:crypto';
import { recordAudit } from '../../audit/index.ts';
import { requirePermission } from '../../auth/index.ts';
import { withTransaction } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { seal } from '../email/index.ts';
import { listCallbackQueues } from '../phone/index.ts';
import { deleteUnusedChatChannelRow, insertChatChannel, selectChatChannel, selectChatChannels, updateChatChannelRow } from './chat.queries.ts';
import { type ChatChannel, type ChatSettings, DEFAULT_SETTINGS } from './chat.types.ts';

export interface ChatChannelInput {
  name?: string;
  settings?: Partial<ChatSettings>;
  teamId?: number | null;
  active?: boolean;
}

/** A chat channel as admins see it, with the snippet to paste into a website; never the secret. */
export interface ChatChannelView extends Omit<ChatChannel, 'secret'> {
  embedCode: string;
}

export const embedCodeOf = (publicUrl: string, id: number) => `<script src="${publicUrl.replace(/\/+$/, '')}/widget.js" data-channel="${id}" async></script>`;

export const viewOf = (publicUrl: string, { secret: _sealed, ...channel }: ChatChannel): ChatChannelView => ({ ...channel, embedCode: embedCodeOf(publicUrl, channel.id) });

async function checkSettings(ctx: Ctx, settings: Partial<ChatSettings>): Promise<void> {
  if (settings.color !== undefined && !/^#[0-9a-fA-F]{6}$/.test(settings.color)) throw invalid('settings.color', 'color must be #rrggbb');
  const queueId = settings.callbackQueueId;
  if (queueId && !(await listCallbackQueues(ctx)).some((q) => q.id === queueId)) throw invalid('settings.callbackQueueId', 'no such callback queue');
}

const auditView = (c: ChatChannel) => ({ name: c.name, settings: c.settings, teamId: c.teamId, active: c.active });

const mapConstraint = (error: unknown): never => {
  if ((error as { code?: string }).code === '23503') throw invalid('teamId', 'no such team');
  throw error;
};

/** Creates a chat channel; its identity secret is returned this once, for the host app to sign user ids with. */
export async function createChatChannel(ctx: Ctx, key: Buffer, publicUrl: string, input: ChatChannelInput & { name: string }): Promise<{ channel: ChatChannelView; secret: string }> {
  requirePermission(ctx.actor, 'settings.manage');
  if (!input.name.trim()) throw invalid('name', 'name must not be empty');
  await checkSettings(ctx, input.settings ?? {});
  const secret = randomBytes(32).toString('hex');
  return withTransaction(ctx.db, async (tx) => {
    const channel = await insertChatChannel(tx, { name: input.name.trim(), settings: { ...DEFAULT_SETTINGS, ...input.settings }, teamId: input.teamId ?? null, secret: seal(key, secret) }).catch(mapConstraint);
    await recordAudit(tx, ctx.actor, { action: 'chat_channel.created', entityType: 'chat_channel', entityId: channel.id, after: { name: channel.name, settings: channel.settings } });
    return { channel: viewOf(publicUrl, channel), secret };
  });
}

export async function updateChatChannel(ctx: Ctx, publicUrl: string, id: number, input: ChatChannelInput): Promise<ChatChannelView> {
  requirePermission(ctx.actor, 'settings.manage');
  await checkSettings(ctx, input.settings ?? {});
  return withTransaction(ctx.db, async (tx) => {
    const before = await selectChatChannel(tx, id, true);
    if (!before) throw notFound('chat channel');
    const channel = (await updateChatChannelRow(tx, id, {
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.settings ? { settings: { ...before.settings, ...input.settings } } : {}),
      ...(input.teamId !== undefined ? { teamId: input.teamId } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
    }).catch(mapConstraint)) as ChatChannel;
    await recordAudit(tx, ctx.actor, {
      action: 'chat_channel.updated',
      entityType: 'chat_channel',
      entityId: id,
      before: auditView(before),
      after: auditView(channel),
    });
    return viewOf(publicUrl, channel);
  });
}

/** Replaces the identity secret at once and returns it once; identities signed with the old one stop working. */
export async function rotateChatSecret(ctx: Ctx, key: Buffer, id: number): Promise<{ secret: string }> {
  requirePermission(ctx.actor, 'settings.manage');
  const secret = randomBytes(32).toString('hex');
  await withTransaction(ctx.db, async (tx) => {
    if (!(await updateChatChannelRow(tx, id, { secret: seal(key, secret) }))) throw notFound('chat channel');
    await recordAudit(tx, ctx.actor, { action: 'chat_channel.secret_rotated', entityType: 'chat_channel', entityId: id });
  });
  return { secret };
}

/** Removes a channel no visitor ever used; one with conversations is deactivated instead, so they keep their visitors. */
export async function deleteChatChannel(ctx: Ctx, id: number): Promise<void> {
  requirePermission(ctx.actor, 'settings.manage');
  await withTransaction(ctx.db, async (tx) => {
    const before = await selectChatChannel(tx, id, true);
    if (!before) throw notFound('chat channel');
    if (!(await deleteUnusedChatChannelRow(tx, id))) throw conflict('visitors have chatted through this widget: deactivate it instead');
    await recordAudit(tx, ctx.actor, { action: 'chat_channel.deleted', entityType: 'chat_channel', entityId: id, before: auditView(before) });
  });
}

export async function listChatChannels(ctx: Ctx, publicUrl: string): Promise<ChatChannelView[]> {
  requirePermission(ctx.actor, 'settings.manage');
  return (await selectChatChannels(ctx.db)).map((c) => viewOf(publicUrl, c));
}
