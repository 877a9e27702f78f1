import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../db/pool.ts';
import { notFound } from '../platform/errors.ts';
import { createTestTend, type TestTend } from '../testing/harness.ts';
import { eachEvent, type DomainEvent, DISPATCH_TASK, emitEvent, emitEvents } from './index.ts';

let t: TestTend;
beforeAll(async () => {
  t = await createTestTend();
});
afterAll(() => t.close());

describe('dispatching events', () => {
  it('hands all the events of one transaction to one job, in order, however many times it emitted', async () => {
    const ids = await withTransaction(t.db, async (tx) => [
      await emitEvent(tx, 'customer.created', { customerId: 1 }),
      ...(await emitEvents(tx, [
        { type: 'ticket.created', payload: { ticketId: 1 } },
        { type: 'message.created', payload: { ticketId: 1, messageId: 1 } },
      ])),
    ]);
    const other = await emitEvent(t.db, 'ticket.updated', { ticketId: 2 });
    const { rows } = await t.db.query(
      `SELECT j.payload FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks task ON task.id = j.task_id WHERE task.identifier = $1`,
      [DISPATCH_TASK],
    );
    const payloads = rows.map((r) => r.payload);
    expect(payloads).toContainEqual(ids);
    expect(payloads).toContainEqual([other]);
  });

  it('lets one event fail or be about something gone without keeping the others from a subscriber', async () => {
    const seen: number[] = [];
    const warnings: string[] = [];
    const subscriber = eachEvent(async (_db, event) => {
      if (event.id === 2) throw notFound('ticket');
      if (event.id === 3) throw new Error('receiver down');
      seen.push(event.id);
    });
    const events: DomainEvent[] = [1, 2, 3, 4].map((id) => ({ id, type: 'ticket.updated', payload: {}, createdAt: new Date() }));
    await expect(subscriber(t.db, events, { warn: (m) => warnings.push(m) })).rejects.toThrow('receiver down');
    expect(seen).toEqual([1, 4]);
    expect(warnings).toEqual(['event 2: ticket not found; skipped']);
  });
});
