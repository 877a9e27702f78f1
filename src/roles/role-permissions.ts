import { type Actor, PERMISSIONS, type Permission } from '../auth/index.ts';
import { forbidden, invalid } from '../platform/errors.ts';

/** Known permissions only, each once, in the canonical order of PERMISSIONS. */
export function normalizePermissions(given: readonly string[]): Permission[] {
  given.forEach((p, i) => {
    if (!(PERMISSIONS as readonly string[]).includes(p)) throw invalid(`permissions.${i}`, `"${p}" is not a permission`);
  });
  return PERMISSIONS.filter((p) => given.includes(p));
}

/**
 * Nobody defines or reshapes a role beyond what they hold: otherwise anyone with `roles.manage`
 * could write themselves an admin role, or strip a stronger role they could not hold.
 */
export function requireHeld(actor: Actor, permissions: readonly Permission[], what: string): void {
  const missing = permissions.filter((p) => !actor.permissions.has(p));
  if (missing.length > 0) throw forbidden(`${what} carries permissions you do not hold: ${missing.join(', ')}`);
}
