import { randomBytes } from 'node:crypto';
import { recordAudit } from '../../audit/index.ts';
import { requirePermission } from '../../auth/index.ts';
import { withTransaction } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { seal } from '../email/index.ts';
import { deleteUnusedPhoneChannelRow, insertPhoneChannel, type PhoneChannel, selectPhoneChannel, selectPhoneChannels, updatePhoneChannelRow } from './phone.queries.ts';

export interface PhoneChannelInput {
  name?: string;
  teamId?: number | null;
  active?: boolean;
}

/** A phone channel as admins see it, with where the provider posts; never the secret. */
export interface PhoneChannelView extends Omit<PhoneChannel, 'secret'> {
  webhookPath: string;
}

const viewOf = ({ secret: _sealed, ...channel }: PhoneChannel): PhoneChannelView => ({ ...channel, webhookPath: `/webhooks/telephony/${channel.id}` });
const auditView = (c: PhoneChannel) => ({ name: c.name, teamId: c.teamId, active: c.active });
const newSecret = () => randomBytes(32).toString('hex');

const mapConstraint = (error: unknown): never => {
  if ((error as { code?: string }).code === '23503') throw invalid('teamId', 'no such team');
  throw error;
};

/** Connects a telephony provider; its signing secret is returned this once. */
export async function createPhoneChannel(ctx: Ctx, key: Buffer, input: PhoneChannelInput & { name: string }): Promise<PhoneChannelView & { secret: string }> {
  requirePermission(ctx.actor, 'settings.manage');
  if (!input.name.trim()) throw invalid('name', 'name must not be empty');
  const secret = newSecret();
  return withTransaction(ctx.db, async (tx) => {
    const channel = await insertPhoneChannel(tx, { name: input.name.trim(), secret: seal(key, secret), teamId: input.teamId ?? null }).catch(mapConstraint);
    await recordAudit(tx, ctx.actor, { action: 'phone_channel.created', entityType: 'phone_channel', entityId: channel.id, after: auditView(channel) });
    return { ...viewOf(channel), secret };
  });
}

export async function listPhoneChannels(ctx: Ctx): Promise<PhoneChannelView[]> {
  requirePermission(ctx.actor, 'settings.manage');
  return (await selectPhoneChannels(ctx.db)).map(viewOf);
}

/** Renames a channel, moves its calls' tickets to another team, or switches its webhook off and on. */
export async function updatePhoneChannel(ctx: Ctx, id: number, input: PhoneChannelInput): Promise<PhoneChannelView> {
  requirePermission(ctx.actor, 'settings.manage');
  if (input.name !== undefined && !input.name.trim()) throw invalid('name', 'name must not be empty');
  return withTransaction(ctx.db, async (tx) => {
    const before = await selectPhoneChannel(tx, id, true);
    if (!before) throw notFound('phone channel');
    const channel = (await updatePhoneChannelRow(tx, id, { name: input.name?.trim(), teamId: input.teamId, active: input.active }).catch(mapConstraint)) as PhoneChannel;
    await recordAudit(tx, ctx.actor, { action: 'phone_channel.updated', entityType: 'phone_channel', entityId: id, before: auditView(before), after: auditView(channel) });
    return viewOf(channel);
  });
}

/** Replaces the signing secret at once and returns it once; events signed with the old one are refused from now on. */
export async function rotatePhoneChannelSecret(ctx: Ctx, key: Buffer, id: number): Promise<{ secret: string }> {
  requirePermission(ctx.actor, 'settings.manage');
  const secret = newSecret();
  await withTransaction(ctx.db, async (tx) => {
    if (!(await updatePhoneChannelRow(tx, id, { secret: seal(key, secret) }))) throw notFound('phone channel');
    await recordAudit(tx, ctx.actor, { action: 'phone_channel.secret_rotated', entityType: 'phone_channel', entityId: id });
  });
  return { secret };
}

/** Removes a channel no call came through; one with calls is deactivated instead, so its calls keep their source. */
export async function deletePhoneChannel(ctx: Ctx, id: number): Promise<void> {
  requirePermission(ctx.actor, 'settings.manage');
  await withTransaction(ctx.db, async (tx) => {
    const before = await selectPhoneChannel(tx, id, true);
    if (!before) throw notFound('phone channel');
    if (!(await deleteUnusedPhoneChannelRow(tx, id))) throw conflict('calls were logged through this channel: deactivate it instead');
    await recordAudit(tx, ctx.actor, { action: 'phone_channel.deleted', entityType: 'phone_channel', entityId: id, before: auditView(before) });
  });
}
