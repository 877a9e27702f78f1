import type { Static } from 'typebox';
import { recordAudit } from '../audit/index.ts';
import { withTransaction } from '../db/pool.ts';
import type { Ctx } from '../platform/context.ts';
import { invalid } from '../platform/errors.ts';
import { ticketFilterFromQuery, type TicketSort } from '../tickets/index.ts';
import { auditView } from './create-view.ts';
import { ownerForChange, visibleView } from './view-access.ts';
import { updateViewRow } from './views.queries.ts';
import type { ViewFilters } from './views.schemas.ts';
import type { View } from './views.types.ts';

export interface ViewPatch {
  name?: string;
  /** Sharing a personal view, or taking a shared one back as one's own, needs `views.manage_shared`. */
  shared?: boolean;
  filters?: Static<typeof ViewFilters>;
  sort?: TicketSort;
  position?: number;
}

export async function updateView(ctx: Ctx, id: number, patch: ViewPatch): Promise<View> {
  const name = patch.name?.trim();
  if (name === '') throw invalid('name', 'name must not be empty');
  if (patch.filters) ticketFilterFromQuery(patch.filters, ctx.actor);
  return withTransaction(ctx.db, async (tx) => {
    const before = await visibleView({ ...ctx, db: tx }, id, true);
    const wasShared = before.ownerId === null;
    ownerForChange(ctx, wasShared);
    const ownerId = patch.shared === undefined || patch.shared === wasShared ? before.ownerId : ownerForChange(ctx, patch.shared);
    const view = await updateViewRow(tx, id, {
      name: name ?? before.name,
      ownerId,
      filters: patch.filters ?? before.filters,
      sort: patch.sort ?? before.sort,
      position: patch.position ?? before.position,
    });
    await recordAudit(tx, ctx.actor, { action: 'view.updated', entityType: 'view', entityId: id, before: auditView(before), after: auditView(view) });
    return view;
  });
}
