import { requirePermission } from '../auth/index.ts';
import type { Ctx } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { encodeCursor } from '../platform/pagination.ts';
import { getTicket, listMessages } from '../tickets/index.ts';
import { createArticle } from './create-article.ts';
import type { Article } from './knowledge.types.ts';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A good reply becomes a draft article: its content, titled after the ticket unless a title is given. */
export async function createArticleFromReply(ctx: Ctx, input: { ticketId: number; messageId: number; title?: string; locale?: string; categoryId?: number | null }): Promise<Article> {
  requirePermission(ctx.actor, 'knowledge.write');
  const ticket = await getTicket(ctx, input.ticketId);
  // listMessages pages by id, so the page after `id - 1` starts with the message if it is on this ticket.
  const page = await listMessages(ctx, input.ticketId, { cursor: encodeCursor([input.messageId - 1]), limit: 1 });
  const message = page.data[0];
  if (message?.id !== input.messageId) throw notFound('message');
  const bodyHtml = message.html ?? message.body.split(/\n{2,}/).map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('');
  return createArticle(ctx, {
    title: input.title?.trim() || ticket.subject,
    bodyHtml,
    locale: input.locale,
    categoryId: input.categoryId ?? null,
    status: 'draft',
  });
}
