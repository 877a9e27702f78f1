import { requirePermission } from '../auth/actor.ts';
import type { Ctx } from '../platform/context.ts';
import { decodeCursor, DEFAULT_LIMIT, type Page, pageOf } from '../platform/pagination.ts';
import { type AuditEntry, type AuditFilter, selectAudit } from './audit.queries.ts';

export interface ReadAuditInput {
  entityType?: string;
  entityId?: string;
  action?: string;
  actorUserId?: number;
  cursor?: string;
  limit?: number;
}

/** The global log is for those with `audit.read`; a ticket's own history is readable by anyone who can read tickets. */
export async function readAudit(ctx: Ctx, input: ReadAuditInput): Promise<Page<AuditEntry>> {
  const ticketHistory = input.entityType === 'ticket' && input.entityId !== undefined;
  requirePermission(ctx.actor, ticketHistory ? 'tickets.read' : 'audit.read');
  const limit = input.limit ?? DEFAULT_LIMIT;
  const cursor = decodeCursor(input.cursor, 1);
  const filter: AuditFilter = { ...input, limit, beforeId: cursor ? Number(cursor[0]) : undefined };
  const rows = await selectAudit(ctx.db, filter);
  return pageOf(rows, limit, (r) => [r.id]);
}
