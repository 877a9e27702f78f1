import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import type { Ctx } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { webhookFields, webhookSettings } from './webhook-input.ts';
import { selectWebhook, updateWebhookRow, type Webhook, type WebhookFields } from './webhooks.queries.ts';

export type WebhookPatch = Partial<WebhookFields>;

/** Changes only what the patch names. Deactivating also stops retries of deliveries still pending. */
export async function updateWebhook(ctx: Ctx, id: number, patch: WebhookPatch): Promise<Webhook> {
  requirePermission(ctx.actor, 'webhooks.manage');
  return withTransaction(ctx.db, async (tx) => {
    const current = await selectWebhook(tx, id, { forUpdate: true });
    if (!current) throw notFound('webhook');
    const before = webhookSettings(current);
    const after = webhookFields({ ...before, ...patch });
    const updated = await updateWebhookRow(tx, id, after);
    await recordAudit(tx, ctx.actor, { action: 'webhook.updated', entityType: 'webhook', entityId: id, before, after });
    return updated;
  });
}
