import type { Ctx } from '../platform/context.ts';
import { sanitizeHtml } from '../platform/sanitize-html.ts';
import { getTicket } from '../tickets/index.ts';
import { draftOwner } from './draft-owner.ts';
import { deleteDraft, type Draft, upsertDraft } from './drafts.queries.ts';

/**
 * Keeps the agent's half-written reply. Saved every few seconds while typing, so it is not
 * audited: it is private scratch text until sent, and the sent message is audited then.
 * An empty body discards the draft. Its HTML is sanitised like a sent message's, since it goes
 * back into the agent's editor.
 */
export async function saveDraft(ctx: Ctx, ticketId: number, input: { body: string; html?: string; internal: boolean }): Promise<Draft | null> {
  const userId = draftOwner(ctx.actor);
  await getTicket(ctx, ticketId);
  if (!input.body.trim()) {
    await deleteDraft(ctx.db, userId, ticketId);
    return null;
  }
  return upsertDraft(ctx.db, userId, { ticketId, body: input.body, html: input.html?.trim() ? sanitizeHtml(input.html) : null, internal: input.internal });
}
