import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import type { Ctx } from '../platform/context.ts';
import { newWebhookSecret } from './sign-webhook.ts';
import { webhookFields } from './webhook-input.ts';
import { insertWebhook, type Webhook } from './webhooks.queries.ts';

export interface CreateWebhookInput {
  url: string;
  events: string[];
  active?: boolean;
  description?: string;
}

/** Returns the signing secret once; later reads never show it. */
export async function createWebhook(ctx: Ctx, input: CreateWebhookInput): Promise<{ webhook: Webhook; secret: string }> {
  requirePermission(ctx.actor, 'webhooks.manage');
  const fields = webhookFields({ url: input.url, events: input.events, active: input.active ?? true, description: input.description ?? '' });
  const secret = newWebhookSecret();
  const webhook = await withTransaction(ctx.db, async (tx) => {
    const row = await insertWebhook(tx, { ...fields, secret, createdById: ctx.actor.userId });
    await recordAudit(tx, ctx.actor, { action: 'webhook.created', entityType: 'webhook', entityId: row.id, after: fields });
    return row;
  });
  return { webhook, secret };
}
