import { timingSafeEqual } from 'node:crypto';

/** Compares a signature a caller sent with the one we computed, in constant time. */
export function sameSignature(sent: string | undefined, expected: string): boolean {
  if (!sent) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
