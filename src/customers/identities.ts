import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { invalid } from '../platform/errors.ts';

export type IdentityKind = 'email' | 'phone' | 'chat' | 'whatsapp' | 'messenger' | 'external';
export const IDENTITY_KINDS: IdentityKind[] = ['email', 'phone', 'chat', 'whatsapp', 'messenger', 'external'];

const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+$/;

/** One spelling per identity, so that the same person is found however they wrote it. */
export function normalizeIdentity(kind: IdentityKind, raw: string, field = kind as string): string {
  const value = raw.trim();
  if (kind === 'email') {
    const email = value.toLowerCase();
    if (!EMAIL.test(email)) throw invalid(field, `"${raw}" is not an email address`);
    return email;
  }
  if (kind === 'phone' || kind === 'whatsapp') {
    const phone = parsePhoneNumberFromString(value.startsWith('+') || value.startsWith('00') ? value.replace(/^00/, '+') : `+${value.replace(/^\+/, '')}`);
    if (!phone?.isPossible()) throw invalid(field, `"${raw}" is not a phone number in international form (+country code)`);
    return phone.number;
  }
  if (!value) throw invalid(field, `${field} must not be empty`);
  return value;
}

export interface IdentitiesInput {
  emails?: string[];
  phones?: string[];
  identities?: { kind: IdentityKind; value: string }[];
}

/** Every identity given, normalised, each with the input field it came from (for errors). */
export function identitiesOf(input: IdentitiesInput): { kind: IdentityKind; value: string; field: string }[] {
  const all = [
    ...(input.emails ?? []).map((value, i) => ({ kind: 'email' as const, value, field: `emails.${i}` })),
    ...(input.phones ?? []).map((value, i) => ({ kind: 'phone' as const, value, field: `phones.${i}` })),
    ...(input.identities ?? []).map((id, i) => ({ kind: id.kind, value: id.value, field: `identities.${i}.value` })),
  ].map((id) => ({ ...id, value: normalizeIdentity(id.kind, id.value, id.field) }));
  const seen = new Set<string>();
  return all.filter((id) => {
    const key = `${id.kind}:${id.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
