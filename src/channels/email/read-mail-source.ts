import { requirePermission } from '../../auth/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { getAttachment } from '../../tickets/index.ts';
import { type OutboxEntry, selectInlineAttachmentId, selectOutboxForMessage, selectRawForMessage } from './email.queries.ts';

/** The mail exactly as received or sent, for "show original". */
export async function getRawSource(ctx: Ctx, messageId: number): Promise<Buffer> {
  requirePermission(ctx.actor, 'tickets.read');
  const stored = await selectRawForMessage(ctx.db, messageId);
  if (!stored) throw notFound('raw mail for this message');
  return stored.raw;
}

/** An inline image (`cid:`) of an inbound mail, as its HTML refers to it. */
export async function getInlineImage(ctx: Ctx, inboundId: number, contentId: string) {
  requirePermission(ctx.actor, 'tickets.read');
  const attachmentId = await selectInlineAttachmentId(ctx.db, inboundId, contentId);
  if (attachmentId === null) throw notFound('inline image');
  return getAttachment(ctx, attachmentId);
}

/** How the mailing of an agent's reply went: queued, sent, failed (with the server's answer) or bounced. */
export async function getDelivery(ctx: Ctx, messageId: number): Promise<OutboxEntry> {
  requirePermission(ctx.actor, 'tickets.read');
  const entry = await selectOutboxForMessage(ctx.db, messageId);
  if (!entry) throw notFound('email delivery for this message');
  return entry;
}
