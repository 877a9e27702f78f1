import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import type { Ctx } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { webhookSettings } from './webhook-input.ts';
import { deleteWebhookRow, selectWebhook } from './webhooks.queries.ts';

/** Deletes the webhook with its delivery history; pending deliveries are dropped unsent. */
export async function deleteWebhook(ctx: Ctx, id: number): Promise<void> {
  requirePermission(ctx.actor, 'webhooks.manage');
  await withTransaction(ctx.db, async (tx) => {
    const webhook = await selectWebhook(tx, id, { forUpdate: true });
    if (!webhook) throw notFound('webhook');
    await deleteWebhookRow(tx, id);
    await recordAudit(tx, ctx.actor, { action: 'webhook.deleted', entityType: 'webhook', entityId: id, before: webhookSettings(webhook) });
  });
}
