/**
 * A value loaded at most once per `ttlMs`, concurrent callers sharing one load; a failed load is
 * not kept. For what every page needs and admins rarely change (branding, categories): a change
 * shows within `ttlMs` on every process, and pages skip two queries each.
 */
export function cachedFor<T>(ttlMs: number, load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | null = null;
  let loadedAt = 0;
  return () => {
    if (!value || Date.now() - loadedAt > ttlMs) {
      loadedAt = Date.now();
      const loading = load();
      value = loading;
      loading.catch(() => {
        if (value === loading) value = null;
      });
    }
    return value;
  };
}
