import type { Permission } from '../auth/index.ts';

/** A named set of permissions. The built-in ones (admin, supervisor, agent, light_agent) cannot be changed. */
export interface Role {
  id: number;
  key: string;
  name: string;
  permissions: Permission[];
  builtIn: boolean;
  /** Users of any status holding the role; a role is deletable only at zero. */
  userCount: number;
  createdAt: Date;
  updatedAt: Date;
}
