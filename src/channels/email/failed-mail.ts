import { recordAudit } from '../../audit/index.ts';
import { requirePermission } from '../../auth/index.ts';
import { withTransaction } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { decodeCursor, DEFAULT_LIMIT, type Page, pageOf } from '../../platform/pagination.ts';
import { type InboundOutcome, selectInboundForReprocess, selectInboundList, type StoredInbound } from './email.queries.ts';
import { refileMail } from './ingest-mail.ts';

/**
 * Inbound mail that could not be filed (`failed`), was set aside on purpose (`ignored`), or is stored
 * and waits for the filing job (`received`: a queue that stays long means the job cannot run), newest first.
 */
export async function listInboundMail(ctx: Ctx, input: { status?: 'failed' | 'ignored' | 'received'; cursor?: string; limit?: number }): Promise<Page<StoredInbound>> {
  requirePermission(ctx.actor, 'settings.manage');
  const limit = input.limit ?? DEFAULT_LIMIT;
  const cursor = decodeCursor(input.cursor, 1);
  const rows = await selectInboundList(ctx.db, input.status ?? 'failed', cursor ? Number(cursor[0]) : null, limit);
  return pageOf(rows, limit, (r) => [r.id]);
}

/** Files a stored mail again, e.g. after a fix; a mail already filed into a ticket is left alone. */
export async function reprocessInboundMail(ctx: Ctx, key: Buffer, id: number): Promise<InboundOutcome> {
  requirePermission(ctx.actor, 'settings.manage');
  return withTransaction(ctx.db, async (tx) => {
    const stored = await selectInboundForReprocess(tx, id);
    if (!stored) throw notFound('inbound mail');
    if (stored.status === 'processed') throw conflict('this mail was already filed', 'id');
    if (stored.status === 'received') throw conflict('this mail is still waiting to be filed', 'id');
    const outcome = await refileMail(tx, key, id, stored);
    await recordAudit(tx, ctx.actor, { action: 'email_inbound.reprocessed', entityType: 'email_inbound', entityId: id, before: { status: stored.status, reason: stored.reason }, after: outcome });
    return outcome;
  });
}
