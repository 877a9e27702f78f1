import { requirePermission } from '../auth/index.ts';
import type { Ctx } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { decodeCursor, DEFAULT_LIMIT, type Page, pageOf } from '../platform/pagination.ts';
import { type DeliveryStatus, selectDeliveries, selectWebhook, selectWebhooks, type Webhook, type WebhookDelivery } from './webhooks.queries.ts';

export async function listWebhooks(ctx: Ctx, input: { cursor?: string; limit?: number }): Promise<Page<Webhook>> {
  requirePermission(ctx.actor, 'webhooks.manage');
  const limit = input.limit ?? DEFAULT_LIMIT;
  const cursor = decodeCursor(input.cursor, 1);
  const rows = await selectWebhooks(ctx.db, { afterId: cursor ? Number(cursor[0]) : null, limit });
  return pageOf(rows, limit, (w) => [w.id]);
}

export async function getWebhook(ctx: Ctx, id: number): Promise<Webhook> {
  requirePermission(ctx.actor, 'webhooks.manage');
  const webhook = await selectWebhook(ctx.db, id);
  if (!webhook) throw notFound('webhook');
  return webhook;
}

export interface ListDeliveriesInput {
  status?: DeliveryStatus;
  cursor?: string;
  limit?: number;
}

/** A webhook's delivery history, newest first. */
export async function listDeliveries(ctx: Ctx, webhookId: number, input: ListDeliveriesInput): Promise<Page<WebhookDelivery>> {
  await getWebhook(ctx, webhookId);
  const limit = input.limit ?? DEFAULT_LIMIT;
  const cursor = decodeCursor(input.cursor, 1);
  const rows = await selectDeliveries(ctx.db, { webhookId, status: input.status, beforeId: cursor ? Number(cursor[0]) : null, limit });
  return pageOf(rows, limit, (d) => [d.id]);
}
