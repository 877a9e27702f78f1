/** What every benchmark prints: one `name: value` line per figure on stdout, progress on stderr. */
export const progress = (line: string) => console.error(`  ${line}`);

export const metric = (name: string, value: number) => console.log(`${name}: ${Number.isInteger(value) ? value : value.toFixed(2)}`);

/** The nearest-rank percentile: the smallest of the values that at least p% of them do not exceed. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}
