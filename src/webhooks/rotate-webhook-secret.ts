import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import type { Ctx } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { newWebhookSecret } from './sign-webhook.ts';
import { selectWebhook, updateWebhookSecret } from './webhooks.queries.ts';

/** Replaces the signing secret at once (every later attempt, retries included, uses the new one) and returns it once. */
export async function rotateWebhookSecret(ctx: Ctx, id: number): Promise<{ secret: string }> {
  requirePermission(ctx.actor, 'webhooks.manage');
  const secret = newWebhookSecret();
  await withTransaction(ctx.db, async (tx) => {
    if (!(await selectWebhook(tx, id, { forUpdate: true }))) throw notFound('webhook');
    await updateWebhookSecret(tx, id, secret);
    await recordAudit(tx, ctx.actor, { action: 'webhook.secret_rotated', entityType: 'webhook', entityId: id });
  });
  return { secret };
}
