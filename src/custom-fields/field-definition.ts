import { invalid } from '../platform/errors.ts';
import type { CustomFieldType } from './custom-fields.types.ts';

export function checkLabel(label: string): string {
  const clean = label.trim();
  if (!clean) throw invalid('label', 'label must not be empty');
  return clean;
}

/** A dropdown needs distinct, non-empty options; the other types take none. */
export function checkOptions(type: CustomFieldType, options: string[]): string[] {
  const clean = options.map((o) => o.trim());
  if (type !== 'dropdown') {
    if (clean.length) throw invalid('options', `a ${type} field has no options`);
    return [];
  }
  if (!clean.length) throw invalid('options', 'a dropdown needs at least one option');
  if (clean.some((o) => !o)) throw invalid('options', 'options must not be empty');
  const duplicate = clean.find((o, i) => clean.indexOf(o) !== i);
  if (duplicate !== undefined) throw invalid('options', `option "${duplicate}" appears twice`);
  return clean;
}
