import { recordAudit } from '../../audit/index.ts';
import { requirePermission } from '../../auth/index.ts';
import { withTransaction } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { seal, unseal } from '../email/index.ts';
import { type ChannelColumns, deleteChannelRow, insertChannel, selectChannel, selectChannels, updateChannelRow } from './messaging.queries.ts';
import { type MessagingChannel, type MessagingCredentials, type MessagingKind, providerOf, REQUIRED_CREDENTIALS } from './messaging.types.ts';

export interface ChannelInput {
  kind?: MessagingKind;
  name?: string;
  accountId?: string;
  address?: string;
  apiBaseUrl?: string | null;
  teamId?: number | null;
  credentials?: MessagingCredentials;
  active?: boolean;
}

/** A channel as admins see it: which credentials are set, never their values; and where to point the provider. */
export interface ChannelView extends Omit<MessagingChannel, 'credentials'> {
  credentialsSet: (keyof MessagingCredentials)[];
  webhookPath: string;
}

export function channelCredentials(key: Buffer, channel: MessagingChannel): MessagingCredentials {
  return JSON.parse(unseal(key, channel.credentials)) as MessagingCredentials;
}

export function viewOf(key: Buffer, channel: MessagingChannel): ChannelView {
  const { credentials: _sealed, ...rest } = channel;
  const set = Object.entries(channelCredentials(key, channel)).filter(([, v]) => !!v).map(([k]) => k as keyof MessagingCredentials);
  return { ...rest, credentialsSet: set, webhookPath: `/webhooks/${providerOf(channel.kind)}/${channel.id}` };
}

function columnsOf(key: Buffer, input: ChannelInput, existing: MessagingChannel | null): ChannelColumns {
  const kind = input.kind ?? (existing?.kind as MessagingKind);
  const columns: ChannelColumns = {
    kind: input.kind,
    name: input.name?.trim(),
    account_id: input.accountId?.trim(),
    address: input.address?.trim(),
    api_base_url: input.apiBaseUrl === undefined ? undefined : input.apiBaseUrl?.replace(/\/+$/, '') || null,
    team_id: input.teamId,
    active: input.active,
  };
  if (columns.api_base_url && !/^https?:\/\/[^\s]+$/.test(columns.api_base_url)) throw invalid('apiBaseUrl', 'apiBaseUrl must be an http(s) URL');
  const credentials = { ...(existing ? channelCredentials(key, existing) : {}), ...input.credentials };
  for (const name of REQUIRED_CREDENTIALS[providerOf(kind)]) {
    if (!credentials[name]) throw invalid(`credentials.${name}`, `a ${kind} channel needs credentials.${name}`);
  }
  if (input.credentials || !existing) columns.credentials = seal(key, JSON.stringify(credentials));
  return columns;
}

const auditView = (c: MessagingChannel) => ({ kind: c.kind, name: c.name, accountId: c.accountId, address: c.address, apiBaseUrl: c.apiBaseUrl, teamId: c.teamId, active: c.active });
const mapConstraint = (error: unknown): never => {
  if ((error as { code?: string }).code === '23503') throw invalid('teamId', 'no such team');
  throw error;
};

export async function createChannel(ctx: Ctx, key: Buffer, input: ChannelInput & { kind: MessagingKind }): Promise<ChannelView> {
  requirePermission(ctx.actor, 'settings.manage');
  if (!input.name?.trim()) throw invalid('name', 'name must not be empty');
  if (!input.accountId?.trim()) throw invalid('accountId', 'accountId must not be empty');
  if (!input.address?.trim()) throw invalid('address', 'address must not be empty');
  const columns = columnsOf(key, input, null);
  return withTransaction(ctx.db, async (tx) => {
    const channel = await insertChannel(tx, columns).catch(mapConstraint);
    await recordAudit(tx, ctx.actor, { action: 'messaging_channel.created', entityType: 'messaging_channel', entityId: channel.id, after: auditView(channel) });
    return viewOf(key, channel);
  });
}

export async function updateChannel(ctx: Ctx, key: Buffer, id: number, input: ChannelInput): Promise<ChannelView> {
  requirePermission(ctx.actor, 'settings.manage');
  return withTransaction(ctx.db, async (tx) => {
    const before = await selectChannel(tx, id, true);
    if (!before) throw notFound('channel');
    const channel = (await updateChannelRow(tx, id, columnsOf(key, input, before)).catch(mapConstraint)) as MessagingChannel;
    const credentialsChanged = input.credentials ? { credentials: Object.keys(input.credentials) } : {};
    await recordAudit(tx, ctx.actor, { action: 'messaging_channel.updated', entityType: 'messaging_channel', entityId: id, before: auditView(before), after: { ...auditView(channel), ...credentialsChanged } });
    return viewOf(key, channel);
  });
}

export async function deleteChannel(ctx: Ctx, id: number): Promise<void> {
  requirePermission(ctx.actor, 'settings.manage');
  await withTransaction(ctx.db, async (tx) => {
    const before = await selectChannel(tx, id, true);
    if (!before || !(await deleteChannelRow(tx, id))) throw notFound('channel');
    await recordAudit(tx, ctx.actor, { action: 'messaging_channel.deleted', entityType: 'messaging_channel', entityId: id, before: auditView(before) });
  });
}

export async function listChannels(ctx: Ctx, key: Buffer): Promise<ChannelView[]> {
  requirePermission(ctx.actor, 'settings.manage');
  return (await selectChannels(ctx.db)).map((c) => viewOf(key, c));
}
