import { type Actor, PERMISSIONS, type Permission } from '../auth/index.ts';
import { forbidden, invalid } from '../platform/errors.ts';

/**
 * What each permission allows, in an admin's words, and the area it belongs to: the roles screen
 * lists them from here, so a permission added to PERMISSIONS cannot be missing from it.
 */
const PERMISSION_LABELS: Record<Permission, { area: string; label: string }> = {
  'tickets.read': { area: 'Tickets', label: 'See tickets' },
  'tickets.reply': { area: 'Tickets', label: 'Reply to customers' },
  'tickets.note': { area: 'Tickets', label: 'Write internal notes' },
  'tickets.update': { area: 'Tickets', label: 'Change status, assignee, fields' },
  'tickets.merge': { area: 'Tickets', label: 'Merge and split' },
  'tickets.delete': { area: 'Tickets', label: 'Delete tickets' },
  'customers.read': { area: 'Customers', label: 'See customers' },
  'customers.write': { area: 'Customers', label: 'Edit customers' },
  'customers.merge': { area: 'Customers', label: 'Merge customers' },
  'views.manage_shared': { area: 'Administration', label: 'Manage shared views' },
  'reports.read': { area: 'Administration', label: 'See reports and queues' },
  'audit.read': { area: 'Administration', label: 'Read the audit log' },
  'users.manage': { area: 'Administration', label: 'Manage agents' },
  'teams.manage': { area: 'Administration', label: 'Manage teams and routing' },
  'roles.manage': { area: 'Administration', label: 'Manage roles' },
  'settings.manage': { area: 'Administration', label: 'Manage channels and settings' },
  'webhooks.manage': { area: 'Administration', label: 'Manage webhooks' },
  'custom_fields.manage': { area: 'Administration', label: 'Manage custom fields' },
  'knowledge.write': { area: 'Knowledge base', label: 'Write articles' },
  'knowledge.publish': { area: 'Knowledge base', label: 'Publish articles' },
};

/** Every permission in canonical order, with its area and what it allows. */
export const describePermissions = () => PERMISSIONS.map((key) => ({ key, ...PERMISSION_LABELS[key] }));

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
