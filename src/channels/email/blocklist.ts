import { recordAudit } from '../../audit/index.ts';
import { requirePermission } from '../../auth/index.ts';
import { withTransaction } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { type BlockedSender, deleteBlocked, insertBlocked, selectBlocked } from './email.queries.ts';

/** Blocks an address (`someone@example.com`) or a whole domain (`example.com`): their mail is kept but files no ticket. */
export async function blockSender(ctx: Ctx, input: { pattern: string; reason?: string }): Promise<BlockedSender> {
  requirePermission(ctx.actor, 'settings.manage');
  const pattern = input.pattern.trim().toLowerCase().replace(/^@/, '');
  if (!/^([^\s@]+@)?[^\s@]+\.[^\s@]+$/.test(pattern)) throw invalid('pattern', 'pattern must be an email address or a domain');
  return withTransaction(ctx.db, async (tx) => {
    const blocked = await insertBlocked(tx, pattern, input.reason?.trim() ?? '');
    if (!blocked) throw conflict(`${pattern} is already blocked`, 'pattern');
    await recordAudit(tx, ctx.actor, { action: 'email_blocklist.added', entityType: 'email_blocklist', entityId: blocked.id, after: { pattern, reason: blocked.reason } });
    return blocked;
  });
}

export async function unblockSender(ctx: Ctx, id: number): Promise<void> {
  requirePermission(ctx.actor, 'settings.manage');
  await withTransaction(ctx.db, async (tx) => {
    const removed = await deleteBlocked(tx, id);
    if (!removed) throw notFound('blocklist entry');
    await recordAudit(tx, ctx.actor, { action: 'email_blocklist.removed', entityType: 'email_blocklist', entityId: id, before: { pattern: removed.pattern } });
  });
}

export async function listBlockedSenders(ctx: Ctx): Promise<BlockedSender[]> {
  requirePermission(ctx.actor, 'settings.manage');
  return selectBlocked(ctx.db);
}
