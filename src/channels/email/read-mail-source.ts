import { requirePermission } from '../../auth/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { sanitizeHtml } from '../../platform/sanitize-html.ts';
import { getAttachment } from '../../tickets/index.ts';
import { type MessageMail, type OutboxEntry, selectInlineAttachmentId, selectMessageMails, selectOutboxForMessage, selectRawForMessage } from './email.queries.ts';
import { type InboundMail, parseMail } from './parse-mail.ts';

/** The mail exactly as received or sent, for "show original". */
export async function getRawSource(ctx: Ctx, messageId: number): Promise<Buffer> {
  return (await storedMail(ctx, messageId)).raw;
}

async function storedMail(ctx: Ctx, messageId: number) {
  requirePermission(ctx.actor, 'tickets.read');
  const stored = await selectRawForMessage(ctx.db, messageId);
  if (!stored) throw notFound('raw mail for this message');
  return stored;
}

/**
 * A mail as its sender wrote it (the thread shows only its new text); its HTML sanitized, inline
 * images of a received mail pointing at their stored copies.
 */
export type OriginalMail = Pick<InboundMail, 'subject' | 'from' | 'to' | 'cc' | 'date' | 'text' | 'html'>;

/** The whole mail a message came in (or went out) as, quoted history and signature included, read from its source. */
export async function getOriginalMail(ctx: Ctx, messageId: number): Promise<OriginalMail> {
  const { raw, inboundId } = await storedMail(ctx, messageId);
  const mail = await parseMail(raw);
  const html = mail.html === null ? null : sanitizeHtml(inboundId === null ? mail.html : withStoredInlineImages(mail.html, inboundId));
  return { subject: mail.subject, from: mail.from, to: mail.to, cc: mail.cc, date: mail.date, text: mail.text, html };
}

/** Points a received mail's `cid:` images at the copies stored with it (served by getInlineImage). */
export function withStoredInlineImages(html: string, inboundId: number): string {
  return html.replace(/(["'(])cid:([^"')\s]+)/gi, (_, quote: string, cid: string) => `${quote}/api/v1/email/inbound/${inboundId}/cid/${encodeURIComponent(cid)}`);
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

/** Which of these messages came or went by email, whether their mail can be shown, and how each reply's mailing went. */
export async function listMessageMails(ctx: Ctx, messageIds: number[]): Promise<MessageMail[]> {
  requirePermission(ctx.actor, 'tickets.read');
  return selectMessageMails(ctx.db, messageIds);
}
