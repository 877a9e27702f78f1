import { recordAudit } from '../../audit/index.ts';
import { requirePermission } from '../../auth/index.ts';
import { withTransaction } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { deleteTemplateRow, insertTemplate, selectChannel, selectTemplates, type TemplateRow } from './messaging.queries.ts';
import { hasSessionWindow } from './messaging.types.ts';

/** An approved template as agents pick it: how many values its placeholders take. */
export interface MessagingTemplate extends TemplateRow {
  variables: number;
}

export interface TemplateInput {
  name: string;
  language?: string;
  body: string;
}

const PLACEHOLDER = /\{\{\s*(\d+)\s*\}\}/g;

/** The numbers of a template's placeholders, in the order they stand. */
const placeholderNumbers = (body: string) => [...body.matchAll(PLACEHOLDER)].map((m) => Number(m[1]));

/** How many values a template's text takes: its highest placeholder number. */
const placeholderCount = (numbers: number[]) => Math.max(0, ...numbers);

/** The template's text as the customer reads it, with the agent's values in its placeholders. */
export const fillTemplate = (body: string, values: string[]) => body.replace(PLACEHOLDER, (whole, n: string) => values[Number(n) - 1] ?? whole);

export const templateOf = (row: TemplateRow): MessagingTemplate => ({ ...row, variables: placeholderCount(placeholderNumbers(row.body)) });

async function whatsappChannel(ctx: Ctx, channelId: number) {
  const channel = await selectChannel(ctx.db, channelId);
  if (!channel) throw notFound('channel');
  if (!hasSessionWindow(channel.kind)) throw invalid('channelId', 'only WhatsApp channels have message templates');
  return channel;
}

/** The channel's approved templates; any agent may read them, to send one. */
export async function listTemplates(ctx: Ctx, channelId: number): Promise<MessagingTemplate[]> {
  requirePermission(ctx.actor, 'tickets.reply');
  await whatsappChannel(ctx, channelId);
  return (await selectTemplates(ctx.db, channelId)).map(templateOf);
}

/** Registers a template the provider has approved, as it is named there. */
export async function createTemplate(ctx: Ctx, channelId: number, input: TemplateInput): Promise<MessagingTemplate> {
  requirePermission(ctx.actor, 'settings.manage');
  await whatsappChannel(ctx, channelId);
  const name = input.name.trim();
  const language = (input.language ?? 'en').trim();
  const body = input.body.trim();
  if (!name) throw invalid('name', 'name must not be empty');
  if (!body) throw invalid('body', 'body must not be empty');
  const numbers = placeholderNumbers(body);
  const missing = Array.from({ length: placeholderCount(numbers) }, (_, i) => i + 1).find((n) => !numbers.includes(n));
  if (missing) throw invalid('body', `placeholders are numbered from {{1}} without a gap; {{${missing}}} is missing`);
  return withTransaction(ctx.db, async (tx) => {
    const created = await insertTemplate(tx, { channelId, name, language, body });
    if (!created) throw conflict(`the channel has a template ${name} (${language}) already`, 'name');
    await recordAudit(tx, ctx.actor, { action: 'messaging_template.created', entityType: 'messaging_template', entityId: created.id, after: { channelId, name, language, body } });
    return templateOf(created);
  });
}

export async function deleteTemplate(ctx: Ctx, channelId: number, templateId: number): Promise<void> {
  requirePermission(ctx.actor, 'settings.manage');
  await withTransaction(ctx.db, async (tx) => {
    const deleted = await deleteTemplateRow(tx, channelId, templateId);
    if (!deleted) throw notFound('template');
    await recordAudit(tx, ctx.actor, { action: 'messaging_template.deleted', entityType: 'messaging_template', entityId: templateId, before: { channelId, name: deleted.name, language: deleted.language } });
  });
}
