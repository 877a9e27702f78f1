import { invalid } from '../platform/errors.ts';

/** A BCP 47 language tag in its canonical spelling ("en-us" → "en-US"). */
export function normalizeLanguage(language: string, field = 'language'): string {
  try {
    const [canonical] = Intl.getCanonicalLocales(language.trim());
    if (canonical) return canonical;
  } catch {
    // reported below
  }
  throw invalid(field, `"${language}" is not a BCP 47 language tag (like "en" or "pt-BR")`);
}

/** An IANA time zone in its canonical spelling ("europe/berlin" → "Europe/Berlin"). */
export function normalizeTimeZone(timeZone: string, field = 'timeZone'): string {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: timeZone.trim() }).resolvedOptions().timeZone;
  } catch {
    throw invalid(field, `"${timeZone}" is not an IANA time zone (like "Europe/Berlin")`);
  }
}

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export function normalizeDomains(domains: string[], field = 'domains'): string[] {
  const clean = domains.map((d, i) => {
    const domain = d.trim().toLowerCase().replace(/^@/, '');
    if (!DOMAIN.test(domain)) throw invalid(`${field}.${i}`, `"${d}" is not an email domain (like "example.com")`);
    return domain;
  });
  return [...new Set(clean)].sort();
}

export const emailDomain = (email: string): string => email.slice(email.lastIndexOf('@') + 1);

/** Turns an unknown organization id into a 400 naming the field, instead of a 500. */
export function mapCustomerConstraint(error: unknown): never {
  const e = error as { code?: string; constraint?: string };
  if (e.code === '23503' && e.constraint === 'customers_organization_id_fkey') throw invalid('organizationId', 'no organization with that id');
  throw error;
}
