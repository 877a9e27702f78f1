import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import { emitEvent } from '../events/index.ts';
import type { Ctx } from '../platform/context.ts';
import { forbidden, invalid, notFound } from '../platform/errors.ts';
import { decodeCursor, DEFAULT_LIMIT, type Page, pageOf } from '../platform/pagination.ts';
import { type CustomerNote, deleteNoteRow, insertNote, selectCustomer, selectNote, selectNotes } from './customers.queries.ts';
import { liveCustomer } from './live-customer.ts';

export async function addCustomerNote(ctx: Ctx, customerId: number, input: { body: string }): Promise<CustomerNote> {
  requirePermission(ctx.actor, 'customers.write');
  const body = input.body.trim();
  if (!body) throw invalid('body', 'body must not be empty');
  return withTransaction(ctx.db, async (tx) => {
    await liveCustomer(tx, customerId);
    const note = await insertNote(tx, customerId, ctx.actor.userId, body);
    await recordAudit(tx, ctx.actor, { action: 'customer.note_added', entityType: 'customer', entityId: customerId, after: { noteId: note.id, body } });
    await emitEvent(tx, 'customer.updated', { customerId, changes: { noteAdded: note.id } });
    return note;
  });
}

/** Newest first. A merged customer's notes moved with it, so this is empty for one merged away. */
export async function listCustomerNotes(ctx: Ctx, customerId: number, input: { cursor?: string; limit?: number } = {}): Promise<Page<CustomerNote>> {
  requirePermission(ctx.actor, 'customers.read');
  if (!(await selectCustomer(ctx.db, customerId))) throw notFound('customer');
  const limit = input.limit ?? DEFAULT_LIMIT;
  const after = decodeCursor(input.cursor, 1);
  return pageOf(await selectNotes(ctx.db, customerId, after ? Number(after[0]) : null, limit), limit, (n) => [n.id]);
}

/** Notes are their author's: others may read them but not delete them. */
export async function deleteCustomerNote(ctx: Ctx, customerId: number, noteId: number): Promise<void> {
  requirePermission(ctx.actor, 'customers.write');
  await withTransaction(ctx.db, async (tx) => {
    const note = await selectNote(tx, customerId, noteId);
    if (!note) throw notFound('note');
    if (note.author?.id !== ctx.actor.userId || ctx.actor.userId === null) throw forbidden('only the author may delete a note');
    await deleteNoteRow(tx, noteId);
    await recordAudit(tx, ctx.actor, { action: 'customer.note_deleted', entityType: 'customer', entityId: customerId, before: { noteId, body: note.body } });
    await emitEvent(tx, 'customer.updated', { customerId, changes: { noteDeleted: noteId } });
  });
}
