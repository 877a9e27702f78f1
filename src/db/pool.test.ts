import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createPool, type Db, inClientTransaction, withTransaction } from './pool.ts';

let db: Db;
beforeAll(() => {
  db = createPool(inject('adminDatabaseUrl'), 3);
});
afterAll(() => db.end());

it('sends the statements issued together in a transaction at once, and answers each its own, in order', async () => {
  // Counts the statements written to the connection, whatever the client's internals.
  const submit = pg.Query.prototype.submit;
  let written = 0;
  pg.Query.prototype.submit = function counted(this: pg.Query, ...args: Parameters<typeof submit>) {
    written++;
    return submit.apply(this, args);
  };
  try {
    const answers = await withTransaction(db, async (tx) => {
      const writtenBefore = written;
      const writtenWhenAnswered: number[] = [];
      const statements = [1, 2, 3].map((n) =>
        tx.query(`SELECT $1::int AS n, pg_sleep(0.02)`, [n]).then(({ rows }) => {
          writtenWhenAnswered.push(written - writtenBefore);
          return rows[0].n as number;
        }),
      );
      return { results: await Promise.all(statements), writtenWhenAnswered };
    });
    expect(answers.results).toEqual([1, 2, 3]);
    // All three were on the wire before the first came back.
    expect(answers.writtenWhenAnswered).toEqual([3, 3, 3]);
  } finally {
    pg.Query.prototype.submit = submit;
  }
});

it('rolls back everything when one of the statements sent together fails, and the client stays usable', async () => {
  const table = `pipelined_${process.pid}_${Date.now()}`;
  await db.query(`CREATE TABLE ${table} (n int CHECK (n > 0))`);
  try {
    const failed = withTransaction(db, (tx) =>
      Promise.all([tx.query(`INSERT INTO ${table} VALUES ($1)`, [1]), tx.query(`INSERT INTO ${table} VALUES ($1)`, [-1]), tx.query(`INSERT INTO ${table} VALUES ($1)`, [3])]),
    );
    await expect(failed).rejects.toThrow(/check constraint/);
    expect((await db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n).toBe(0);

    // Every connection the pool holds still answers, outside a transaction ('I': idle).
    const clients = await Promise.all([db.connect(), db.connect(), db.connect()]);
    try {
      for (const client of clients) {
        expect((await client.query(`SELECT 1 AS one`)).rows[0]).toEqual({ one: 1 });
        expect(client.getTransactionStatus()).toBe('I');
      }
    } finally {
      clients.forEach((client) => client.release());
    }
    await withTransaction(db, (tx) => tx.query(`INSERT INTO ${table} VALUES ($1)`, [4]));
    expect((await db.query(`SELECT array_agg(n) AS ns FROM ${table}`)).rows[0].ns).toEqual([4]);
  } finally {
    await db.query(`DROP TABLE ${table}`);
  }
});

it('fails a transaction whose connection is gone with the error, even while its work awaits something else first', async () => {
  const client = await db.connect();
  try {
    const { pid } = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0];
    const ended = new Promise((resolve) => client.once('end', resolve));
    await db.query('SELECT pg_terminate_backend($1)', [pid]);
    await ended;
    const failed = inClientTransaction(client, async (tx) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return tx.query('SELECT 1');
    });
    await expect(failed).rejects.toThrow();
  } finally {
    client.release(true);
  }
});
