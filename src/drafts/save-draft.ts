import type { Ctx } from '../platform/context.ts';
import { getTicket } from '../tickets/index.ts';
import { draftOwner } from './draft-owner.ts';
import { deleteDraft, type Draft, upsertDraft } from './drafts.queries.ts';

/**
 * Keeps the agent's half-written reply. Saved every few seconds while typing, so it is not
 * audited: it is private scratch text until sent, and the sent message is audited then.
 * An empty body discards the draft.
 */
export async function saveDraft(ctx: Ctx, ticketId: number, input: { body: string; internal: boolean }): Promise<Draft | null> {
  const userId = draftOwner(ctx.actor);
  await getTicket(ctx, ticketId);
  if (!input.body.trim()) {
    await deleteDraft(ctx.db, userId, ticketId);
    return null;
  }
  return upsertDraft(ctx.db, userId, { ticketId, ...input });
}
