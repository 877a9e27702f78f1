import type { Static } from 'typebox';
import { recordAudit } from '../audit/index.ts';
import { withTransaction } from '../db/pool.ts';
import type { Ctx } from '../platform/context.ts';
import { invalid } from '../platform/errors.ts';
import { ticketFilterFromQuery, type TicketSort } from '../tickets/index.ts';
import { ownerForChange } from './view-access.ts';
import { insertView } from './views.queries.ts';
import type { ViewFilters } from './views.schemas.ts';
import type { View } from './views.types.ts';

export interface CreateViewInput {
  name: string;
  shared?: boolean;
  filters: Static<typeof ViewFilters>;
  sort?: TicketSort;
  position?: number;
}

export async function createView(ctx: Ctx, input: CreateViewInput): Promise<View> {
  const ownerId = ownerForChange(ctx, input.shared ?? false);
  const name = input.name.trim();
  if (!name) throw invalid('name', 'name must not be empty');
  // Resolving once now turns a filter the caller could never run (e.g. "me" for a token with no user) into a 400.
  ticketFilterFromQuery(input.filters, ctx.actor);
  return withTransaction(ctx.db, async (tx) => {
    const view = await insertView(tx, { name, ownerId, filters: input.filters, sort: input.sort ?? 'updated_desc', position: input.position ?? null });
    await recordAudit(tx, ctx.actor, { action: 'view.created', entityType: 'view', entityId: view.id, after: auditView(view) });
    return view;
  });
}

export const auditView = (v: View) => ({ name: v.name, ownerId: v.ownerId, filters: v.filters, sort: v.sort, position: v.position });
