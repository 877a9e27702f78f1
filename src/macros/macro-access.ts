import { type Actor, requirePermission } from '../auth/index.ts';
import { AppError, forbidden, notFound } from '../platform/errors.ts';
import type { Macro } from './macros.queries.ts';

/** Anyone who works tickets keeps personal macros; shared ones are workspace settings. */
export function requireMacroAuthor(actor: Actor, shared: boolean): number | null {
  requirePermission(actor, 'tickets.read');
  if (shared) {
    requirePermission(actor, 'settings.manage');
    return null;
  }
  if (actor.userId === null) throw new AppError('validation', 'a personal macro needs a signed-in user; set shared', 'shared');
  return actor.userId;
}

/** Someone else's personal macro does not exist as far as this actor can tell. */
export function requireMacroEditable(actor: Actor, macro: Macro | null): Macro {
  if (!macro || (macro.ownerId !== null && macro.ownerId !== actor.userId)) throw notFound('macro');
  if (macro.ownerId === null && !actor.permissions.has('settings.manage')) throw forbidden('changing a shared macro needs the permission settings.manage');
  return macro;
}
