/**
 * Shares one call of `run` among everyone asking at about the same time: at most one run is in flight,
 * and whoever asks meanwhile waits for the next run, which starts as soon as the current one ends and
 * carries everything asked for since. Every answer so comes from a run that started after the question
 * (a reader never gets a value read before a change it already saw committed), while under load one
 * database round trip serves many requests. Hand-written: batching libraries (DataLoader) batch per tick
 * and run batches side by side, which under load means one query per request again.
 */
export function coalesced<T, R>(run: (items: T[]) => Promise<R>): (item: T) => Promise<R> {
  interface Batch {
    items: T[];
    result: Promise<R>;
    settle: (run: Promise<R>) => void;
  }
  let next: Batch | null = null;
  let running = false;

  function start(): void {
    const batch = next as Batch;
    next = null;
    running = true;
    const result = run(batch.items);
    batch.settle(result);
    void result
      .catch(() => {})
      .finally(() => {
        running = false;
        if (next) start();
      });
  }

  return (item) => {
    if (!next) {
      let settle!: (run: Promise<R>) => void;
      const result = new Promise<R>((resolve) => {
        settle = resolve;
      });
      next = { items: [], result, settle };
      if (!running) queueMicrotask(start);
    }
    next.items.push(item);
    return next.result;
  };
}
