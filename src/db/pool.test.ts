import { afterAll, beforeAll, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createPool, type Db, type DbOrTx, readAll, withTransaction } from './pool.ts';

let db: Db;
beforeAll(() => {
  db = createPool(inject('adminDatabaseUrl'), 3);
});
afterAll(() => db.end());

/** Two reads that each log when they start and end. */
function loggedReads(on: DbOrTx) {
  const log: string[] = [];
  const read = (name: string) => async () => {
    log.push(`${name} start`);
    const { rows } = await on.query(`SELECT $1::text AS name, pg_sleep(0.05)`, [name]);
    log.push(`${name} end`);
    return rows[0].name as string;
  };
  return { log, reads: [read('a'), read('b')] as const };
}

it('runs independent reads side by side on the pool', async () => {
  const { log, reads } = loggedReads(db);
  expect(await readAll(db, reads)).toEqual(['a', 'b']);
  expect(log.slice(0, 2)).toEqual(['a start', 'b start']);
});

it('runs them one after another on a client in a transaction, which cannot overlap queries', async () => {
  const result = await withTransaction(db, async (tx) => {
    const { log, reads } = loggedReads(tx);
    return { answers: await readAll(tx, reads), log };
  });
  expect(result.answers).toEqual(['a', 'b']);
  expect(result.log).toEqual(['a start', 'a end', 'b start', 'b end']);
});
