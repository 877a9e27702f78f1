import type { Queryable } from '../db/pool.ts';
import { invalid } from '../platform/errors.ts';
import { selectCustomFields } from './custom-fields.queries.ts';
import type { CustomField } from './custom-fields.types.ts';

const MAX_TEXT = 10_000;
const DECIMAL = /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
// The calendar date as written; a time part (from a date-time picker) is dropped, not converted between zones.
const DATE = /^(\d{4})-(\d{2})-(\d{2})(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Checks the custom field values given for a ticket against the active definitions and returns
 * them normalised: numbers as numbers, dates as `YYYY-MM-DD`, checkboxes as booleans. An empty
 * value counts as none. With `partial` (an update), a none is kept as `null`, meaning "clear
 * this field"; without it (a complete set of values), nones are dropped and every active
 * required field must have a value.
 */
export async function validateCustomFieldValues(
  db: Queryable,
  values: Record<string, unknown>,
  options: { partial: boolean },
): Promise<Record<string, unknown>> {
  const fields = await selectCustomFields(db, { activeOnly: false });
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const result: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(values)) {
    const field = byKey.get(key);
    // In an update a none clears the field, even a deactivated or deleted one, so old values can be tidied away.
    if (options.partial && isEmpty(raw)) {
      result[key] = null;
      continue;
    }
    if (!field?.active) throw invalid(`customFields.${key}`, `there is no active custom field with the key "${key}"`);
    if (!isEmpty(raw)) result[key] = normalize(field, raw);
  }
  if (!options.partial) requireFilled(fields, result);
  return result;
}

/**
 * Checks only that every active required field has a value in `values` (a ticket's stored
 * values, say, before it is solved); keys of deactivated or deleted fields are ignored.
 */
export async function requireCustomFieldsFilled(db: Queryable, values: Record<string, unknown>): Promise<void> {
  requireFilled(await selectCustomFields(db, { activeOnly: true }), values);
}

function requireFilled(fields: CustomField[], values: Record<string, unknown>): void {
  const missing = fields.find((f) => f.active && f.required && isEmpty(values[f.key]));
  if (missing) throw invalid(`customFields.${missing.key}`, `${missing.label} is required`);
}

const isEmpty = (raw: unknown) => raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '');

function normalize(field: CustomField, raw: unknown): string | number | boolean {
  const fail = (expected: string) => invalid(`customFields.${field.key}`, `${field.label} must be ${expected}`);
  switch (field.type) {
    case 'text':
      if (typeof raw !== 'string') throw fail('text');
      if (raw.length > MAX_TEXT) throw fail(`at most ${MAX_TEXT} characters`);
      return raw.trim();
    case 'number':
      if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
      if (typeof raw === 'string' && DECIMAL.test(raw.trim())) return Number(raw.trim());
      throw fail('a number');
    case 'date':
      if (typeof raw === 'string') {
        const date = dateOf(raw.trim());
        if (date) return date;
      }
      throw fail('a date (YYYY-MM-DD)');
    case 'checkbox':
      if (typeof raw === 'boolean') return raw;
      if (raw === 'true' || raw === 'false') return raw === 'true';
      throw fail('true or false');
    case 'dropdown':
      if (typeof raw === 'string' && field.options.includes(raw.trim())) return raw.trim();
      throw fail(`one of: ${field.options.join(', ')}`);
  }
}

function dateOf(text: string): string | null {
  const match = DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2023-02-30 over into March; a real date survives the round trip.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${match[1]}-${match[2]}-${match[3]}`;
}
