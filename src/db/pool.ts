import pg from 'pg';

// int8 (bigint ids, counts) fits comfortably in a JS number for a help desk's lifetime.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

export type Db = pg.Pool;
export type Row = Record<string, any>;
/** Anything that runs queries: the pool or a client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

/** How many distinct statement texts a process prepares; built SQL that keeps varying runs unprepared past it. */
const PREPARED_LIMIT = 1000;
const statementNames = new Map<string, string>();

function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < PREPARED_LIMIT) {
    name = `tend_${statementNames.size + 1}`;
    statementNames.set(text, name);
  }
  return name;
}

/**
 * A client that prepares each parameterised statement once per connection and afterwards only binds
 * and runs it, so Postgres does not parse and plan the same SQL on every call: that halved the
 * database's CPU per chat exchange (bench/chat). Statements without parameters (BEGIN, DDL, several
 * statements in one text) stay on the simple protocol, and callers that name their own (the job
 * queue) keep their names.
 */
class PreparingClient extends pg.Client {
  override query(...args: unknown[]): never {
    const [text, values, ...rest] = args;
    const name = typeof text === 'string' && Array.isArray(values) ? statementName(text) : undefined;
    const query = super.query as (...a: unknown[]) => never;
    return name ? query.call(this, { name, text, values }, ...rest) : query.apply(this, args);
  }
}

/**
 * A statement whose best plan depends on the values it runs with (full-text and fuzzy searches,
 * filtered lists), sent unprepared so that Postgres plans it for those values each time. Prepared,
 * its generic plan took the core bench's search p99 from 150 ms to 1.1 s.
 */
export function planEachTime(text: string, values: unknown[]): pg.QueryConfig {
  return { text, values };
}

/**
 * Clients pipeline: a query is written at once, not after the one before it is answered, so work
 * that issues statements together (a transaction's BEGIN with its first statement, independent
 * writes) waits for one round trip instead of one each. Postgres still runs them in order.
 */
export function createPool(connectionString: string, max = 10): Db {
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 30_000, Client: PreparingClient, pipeline: true });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

/** The pool, or a client already inside a transaction that an action should join. */
export type DbOrTx = pg.Pool | pg.PoolClient;

const inTransaction = (db: DbOrTx): db is pg.PoolClient => 'release' in db;

/** Runs `work` in a transaction; when handed a client already in one, joins it instead. */
export async function withTransaction<T>(db: DbOrTx, work: (tx: pg.PoolClient) => Promise<T>): Promise<T> {
  if (inTransaction(db)) return work(db);
  const client = await db.connect();
  try {
    return await inClientTransaction(client, work);
  } finally {
    client.release();
  }
}

/**
 * Runs `work` in a transaction on a client that is not in one — the connection a job or an event
 * subscriber is handed. (`withTransaction` would take such a client for one already in a transaction.)
 */
export async function inClientTransaction<T>(client: Queryable, work: (tx: pg.PoolClient) => Promise<T>): Promise<T> {
  const tx = client as pg.PoolClient;
  // Not awaited: BEGIN goes out with the work's first statement. Only a lost connection fails it,
  // and that fails the statement too; marked handled at once, so that its failure while the work
  // awaits something else is not an unhandled rejection, which would end the process.
  const begun = tx.query('BEGIN');
  begun.catch(() => {});
  try {
    const result = await work(tx);
    await begun;
    await tx.query('COMMIT');
    return result;
  } catch (error) {
    await begun.catch(() => {});
    await tx.query('ROLLBACK').catch(() => {});
    throw error;
  }
}
