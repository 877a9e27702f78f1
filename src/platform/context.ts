import type { Actor } from '../auth/actor.ts';
import type { DbOrTx } from '../db/pool.ts';

/**
 * What every action receives: the database and who is acting. Pass `{ ...ctx, db: tx }`
 * to make an action join a transaction the caller already holds.
 */
export interface Ctx {
  db: DbOrTx;
  actor: Actor;
}
