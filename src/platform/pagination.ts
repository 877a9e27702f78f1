import { invalid } from './errors.ts';

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 100;

/** Cursors are opaque to clients: base64url JSON of the last row's sort key. */
export function encodeCursor(key: readonly (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, arity: number): (string | number | null)[] | null {
  if (!cursor) return null;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === arity && key.every((k) => k === null || ['string', 'number'].includes(typeof k))) {
      return key as (string | number | null)[];
    }
  } catch {
    // fall through to the error below
  }
  throw invalid('cursor', 'cursor is not valid; use the nextCursor of a previous page');
}

/** Fetch `limit + 1` rows, then call this: it trims the extra row and builds the next cursor. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => (string | number | null)[]): Page<T> {
  if (rows.length <= limit) return { data: rows, nextCursor: null };
  const data = rows.slice(0, limit);
  return { data, nextCursor: encodeCursor(keyOf(data[data.length - 1] as T)) };
}
