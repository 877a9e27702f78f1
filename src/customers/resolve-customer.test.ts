import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import { createTestTend, type TestTend } from '../testing/harness.ts';
import { mergeCustomers } from './merge-customers.ts';
import { resolveCustomer, resolveCustomers } from './resolve-customer.ts';

let t: TestTend;
beforeAll(async () => {
  t = await createTestTend();
});
afterAll(() => t.close());

const resolve = (ref: Parameters<typeof resolveCustomer>[1]) => withTransaction(t.db, (tx) => resolveCustomer(tx, ref));

describe('resolving a customer from an address', () => {
  it('resolves a batch in one go: two first contacts sharing an address are one new person, known ones stay', async () => {
    const known = await resolve({ email: 'known@batch.example', name: 'Known' });
    const { ids, changes } = await withTransaction(t.db, (tx) =>
      resolveCustomers(tx, [
        { email: 'pair@batch.example', name: 'Pair' },
        { email: 'PAIR@batch.example', phone: '+1 212 555 0142' },
        { email: 'known@batch.example' },
        { email: 'solo@batch.example' },
      ]),
    );
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).toBe(known);
    expect(new Set(ids).size).toBe(3);
    const pair = (await t.admin.get(`/api/v1/customers/${ids[0]}`)).body;
    expect(pair.name).toBe('Pair');
    expect(pair.identities.map((i: { value: string }) => i.value).sort()).toEqual(['+12125550142', 'pair@batch.example']);
    // What the caller is to record: each new person once, then the phone the second contact added.
    expect(changes.events.map((e) => [e.type, e.payload.customerId])).toEqual([
      ['customer.created', ids[0]],
      ['customer.created', ids[3]],
      ['customer.updated', ids[0]],
    ]);
    expect(changes.audits.map((a) => [a.action, a.entityId])).toEqual(changes.events.map((e) => [e.type, e.payload.customerId]));
  });

  it('yields one customer when the same new address arrives in parallel transactions', async () => {
    const ids = await Promise.all(Array.from({ length: 8 }, (_, i) => resolve({ email: i % 2 ? 'Rush@Parallel.example' : 'rush@parallel.example', name: 'Rush' })));
    expect(new Set(ids).size).toBe(1);
    const rows = await t.db.query(`SELECT customer_id FROM customer_identities WHERE value = 'rush@parallel.example'`);
    expect(rows.rows).toEqual([{ customer_id: ids[0] }]);
    const created = await t.db.query(`SELECT count(*)::int AS n FROM events WHERE type = 'customer.created' AND payload->>'customerId' = $1`, [String(ids[0])]);
    expect(created.rows[0].n).toBe(1);
  });

  it('attaches a new address to the person found by phone, and names a customer known only by number', async () => {
    const id = await resolve({ phone: '+1 212 555 0199' });
    expect((await t.admin.get(`/api/v1/customers/${id}`)).body.name).toBe('');
    expect(await resolve({ email: 'ann@example.com', phone: '+12125550199', name: 'Ann Onymous' })).toBe(id);
    expect(await resolve({ email: 'ANN@example.com' })).toBe(id);
    const customer = (await t.admin.get(`/api/v1/customers/${id}`)).body;
    expect(customer.name).toBe('Ann Onymous');
    expect(customer.identities.map((i: { value: string }) => i.value)).toEqual(['ann@example.com', '+12125550199']);
    const audit = (await t.admin.get(`/api/v1/audit?entityType=customer&entityId=${id}&action=customer.updated`)).body.data[0];
    expect(audit.after).toEqual({ name: 'Ann Onymous', addedIdentities: [{ kind: 'email', value: 'ann@example.com' }] });
  });

  it('puts a new customer into the organization owning their email domain', async () => {
    const org = (await t.admin.post('/api/v1/organizations', { name: 'Acme', domains: ['acme.example'] })).body;
    const member = await resolve({ email: 'wile.e@ACME.example' });
    const outsider = await resolve({ email: 'road.runner@desert.example' });
    expect((await t.admin.get(`/api/v1/customers/${member}`)).body.organization).toEqual({ id: org.id, name: 'Acme' });
    expect((await t.admin.get(`/api/v1/customers/${outsider}`)).body.organization).toBeNull();
  });

  it('waits for a merge in progress and then answers with the surviving customer', async () => {
    const target = await resolve({ email: 'keep@merge.example' });
    const source = await resolve({ email: 'old@merge.example' });
    const client = await t.db.connect();
    try {
      await client.query('BEGIN');
      await mergeCustomers({ db: client, actor: systemActor }, target, source);
      const lookup = resolve({ email: 'old@merge.example' });
      // Only commit once the lookup is blocked on the merge's row lock, so it cannot have read before the merge.
      await waitForLockWait();
      await client.query('COMMIT');
      expect(await lookup).toBe(target);
    } finally {
      client.release();
    }
  });
});

async function waitForLockWait(): Promise<void> {
  for (;;) {
    const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
    if (rows[0].n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
