/**
 * A value (branding, categories) loaded once per knowledge generation: loaded again only when a
 * request has seen the generation move since, so a change shows on the next page on every process,
 * and pages otherwise skip the query. A failed load is not kept.
 */
export function perGeneration<T>(load: () => Promise<T>): (generation: number) => Promise<T> {
  let held: { generation: number; value: Promise<T> } | null = null;
  return (generation) => {
    if (!held || held.generation < generation) {
      const value = load();
      const loaded = { generation, value };
      held = loaded;
      value.catch(() => {
        if (held === loaded) held = null;
      });
    }
    return held.value;
  };
}
