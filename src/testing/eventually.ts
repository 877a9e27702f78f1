/** Resolves with `probe`'s first truthy answer, polling every 100 ms; the deadline only stops a hung test. */
export async function eventually<T>(probe: () => Promise<T | null | undefined | false>, what = 'the condition', deadlineMs = 30_000): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
