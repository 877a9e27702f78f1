import pg from 'pg';
import { AppError } from '../platform/errors.ts';

/**
 * Group commit: concurrent calls are gathered into batches, and each batch is written by one
 * transaction of set-based statements. On this stack a write's cost is mostly its round trips and
 * its commit (WAL flush, and the commit lock every NOTIFYing transaction queues for), not its rows,
 * so ten tickets written together cost little more than one.
 *
 * Nothing waits for a batch to fill: a call arriving while no batch runs starts one at once, so a
 * quiet server answers as fast as before. Calls arriving while one runs wait for it to finish and
 * then go together. A batch still running after `slowMs` (one heavy request: a large attachment)
 * lets another start beside it, up to `maxInFlight`, so that it holds up nobody for long. Each call
 * gets its own outcome: `runBatch` answers one settled result per item, in order.
 */
export function groupCommit<I, O>(
  runBatch: (items: I[]) => Promise<PromiseSettledResult<O>[]>,
  { maxBatch = 50, maxInFlight = 2, slowMs = 25 }: { maxBatch?: number; maxInFlight?: number; slowMs?: number } = {},
): (item: I) => Promise<O> {
  const waiting: { item: I; resolve: (value: O) => void; reject: (reason: unknown) => void }[] = [];
  let inFlight = 0;
  let lastStarted = 0;
  let recheck: NodeJS.Timeout | null = null;

  const mayStart = () => inFlight === 0 || (inFlight < maxInFlight && performance.now() - lastStarted >= slowMs);

  const startBatches = () => {
    while (waiting.length > 0 && mayStart()) {
      const batch = waiting.splice(0, maxBatch);
      inFlight++;
      lastStarted = performance.now();
      runBatch(batch.map((w) => w.item))
        .then(
          (results) =>
            batch.forEach((w, i) => {
              const result = results[i];
              if (result?.status === 'fulfilled') w.resolve(result.value);
              else w.reject(result ? result.reason : new Error('group commit: the batch answered fewer results than it was given'));
            }),
          (error: unknown) => batch.forEach((w) => w.reject(error)),
        )
        .finally(() => {
          inFlight--;
          startBatches();
        });
    }
    if (waiting.length > 0 && inFlight < maxInFlight && !recheck) {
      recheck = setTimeout(() => {
        recheck = null;
        startBatches();
      }, slowMs - (performance.now() - lastStarted)).unref();
    }
  };

  return (item) =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      startBatches();
    });
}

/**
 * Runs `together` on the whole batch; should it fail, which item caused that is unknown, so each
 * item is run again `alone` (by default `together` on a batch of one) and gets its own outcome. A
 * good item in a batch with a bad one is thus still written, and the bad one gets its own error.
 * The items run again one after another, in order, so that one that builds on an earlier one (a
 * reply to a mail of the same batch) finds it written. A batch of one is run alone at once.
 *
 * Only a failure that surely wrote nothing is rerun: one the database answered (it rolled the
 * transaction back) or one raised as an `AppError` (bad input, refused permission). A connection lost
 * after COMMIT was sent leaves the commit in doubt, and rerunning could write the batch twice: every
 * item then fails with that error, as a lone request would, for its client to retry (with its
 * Idempotency-Key).
 */
export async function eachAloneOnFailure<I, O>(
  items: I[],
  together: (items: I[]) => Promise<O[]>,
  alone: (item: I) => Promise<O> = async (item) => (await together([item]))[0] as O,
): Promise<PromiseSettledResult<O>[]> {
  if (items.length === 1) return Promise.allSettled([alone(items[0] as I)]);
  try {
    return (await together(items)).map((value) => ({ status: 'fulfilled', value }));
  } catch (error) {
    if (!surelyRolledBack(error)) return items.map(() => ({ status: 'rejected', reason: error }));
    const results: PromiseSettledResult<O>[] = [];
    for (const item of items) results.push(...(await Promise.allSettled([alone(item)])));
    return results;
  }
}

const surelyRolledBack = (error: unknown) => error instanceof pg.DatabaseError || error instanceof AppError;
