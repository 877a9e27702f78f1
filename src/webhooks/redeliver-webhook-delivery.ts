import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import type { Ctx } from '../platform/context.ts';
import { conflict, notFound } from '../platform/errors.ts';
import { enqueueDelivery } from './deliver-webhook.ts';
import { reopenDelivery, selectWebhook, type WebhookDelivery } from './webhooks.queries.ts';

/**
 * Sends a delivery again now, whatever its state, with a fresh round of retries: for a receiver that
 * was down past the last retry, or lost what it received. A pending delivery's waiting retry moves to now.
 */
export async function redeliverWebhookDelivery(ctx: Ctx, webhookId: number, deliveryId: number): Promise<WebhookDelivery> {
  requirePermission(ctx.actor, 'webhooks.manage');
  return withTransaction(ctx.db, async (tx) => {
    const webhook = await selectWebhook(tx, webhookId);
    if (!webhook) throw notFound('webhook');
    if (!webhook.active) throw conflict('the webhook is inactive; activate it before redelivering');
    const delivery = await reopenDelivery(tx, webhookId, deliveryId);
    if (!delivery) throw notFound('delivery');
    await enqueueDelivery(tx, delivery.id);
    await recordAudit(tx, ctx.actor, { action: 'webhook.redelivered', entityType: 'webhook', entityId: webhookId, after: { deliveryId } });
    return delivery;
  });
}
