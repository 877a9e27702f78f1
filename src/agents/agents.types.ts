export const AGENT_STATUSES = ['invited', 'active', 'deactivated'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

/** A user of the agent app. Never carries password or token hashes. */
export interface Agent {
  id: number;
  email: string;
  name: string;
  role: string;
  roleName: string;
  status: AgentStatus;
  timeZone: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface AgentFilter {
  status?: AgentStatus;
  role?: string;
  /** Part of the name or email. */
  q?: string;
}
