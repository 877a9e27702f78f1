import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import { emitEvent } from '../events/index.ts';
import type { Ctx } from '../platform/context.ts';
import { conflict, notFound } from '../platform/errors.ts';
import { enqueueDelivery } from './deliver-webhook.ts';
import { TEST_EVENT } from './webhook-events.ts';
import { insertDelivery, selectWebhook, type WebhookDelivery } from './webhooks.queries.ts';

/** Sends a `webhook.test` event to this webhook alone, so an admin can check the receiver end to end. */
export async function testWebhook(ctx: Ctx, webhookId: number): Promise<WebhookDelivery> {
  requirePermission(ctx.actor, 'webhooks.manage');
  return withTransaction(ctx.db, async (tx) => {
    const webhook = await selectWebhook(tx, webhookId);
    if (!webhook) throw notFound('webhook');
    if (!webhook.active) throw conflict('the webhook is inactive; activate it before testing');
    const eventId = await emitEvent(tx, TEST_EVENT, { webhookId, requestedByUserId: ctx.actor.userId });
    const delivery = await insertDelivery(tx, { webhookId, eventId, eventType: TEST_EVENT });
    await enqueueDelivery(tx, delivery.id);
    await recordAudit(tx, ctx.actor, { action: 'webhook.tested', entityType: 'webhook', entityId: webhookId, after: { deliveryId: delivery.id } });
    return delivery;
  });
}
