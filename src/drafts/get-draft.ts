import type { Ctx } from '../platform/context.ts';
import { getTicket } from '../tickets/index.ts';
import { draftOwner } from './draft-owner.ts';
import { type Draft, selectDraft } from './drafts.queries.ts';

export async function getDraft(ctx: Ctx, ticketId: number): Promise<Draft | null> {
  const userId = draftOwner(ctx.actor);
  await getTicket(ctx, ticketId);
  return selectDraft(ctx.db, userId, ticketId);
}
