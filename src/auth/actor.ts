import { AppError } from '../platform/errors.ts';

export const PERMISSIONS = [
  'tickets.read',
  'tickets.reply',
  'tickets.note',
  'tickets.update',
  'tickets.merge',
  'tickets.delete',
  'customers.read',
  'customers.write',
  'customers.merge',
  'views.manage_shared',
  'reports.read',
  'audit.read',
  'users.manage',
  'teams.manage',
  'roles.manage',
  'settings.manage',
  'webhooks.manage',
  'custom_fields.manage',
  'knowledge.write',
  'knowledge.publish',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Who is acting: checked by every action, whether called from the API, the web app or an automation. */
export interface Actor {
  kind: 'user' | 'token' | 'system';
  userId: number | null;
  name: string;
  role: string;
  permissions: ReadonlySet<Permission>;
  ip?: string;
}

export const systemActor: Actor = {
  kind: 'system',
  userId: null,
  name: 'Tend',
  role: 'system',
  permissions: new Set(PERMISSIONS),
};

export function can(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!actor.permissions.has(permission)) {
    throw new AppError('forbidden', `your role (${actor.role}) lacks the permission ${permission}`);
  }
}
