export const STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export type Status = (typeof STATUSES)[number];
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const TICKET_TYPES = ['question', 'incident', 'problem', 'task'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];
export const CHANNELS = ['email', 'chat', 'sms', 'whatsapp', 'messenger', 'phone', 'walk_in', 'portal', 'web', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface PersonRef {
  id: number;
  name: string;
}

export interface Ticket {
  id: number;
  subject: string;
  status: Status;
  priority: Priority;
  type: TicketType | null;
  channel: Channel;
  requester: PersonRef & { email: string | null };
  assignee: PersonRef | null;
  team: PersonRef | null;
  tags: string[];
  customFields: Record<string, unknown>;
  mergedIntoId: number | null;
  createdAt: Date;
  updatedAt: Date;
  firstResponseAt: Date | null;
  solvedAt: Date | null;
  closedAt: Date | null;
  lastMessageAt: Date;
}

export interface Attachment {
  id: number;
  filename: string;
  contentType: string;
  size: number;
  contentId: string | null;
}

export interface Message {
  id: number;
  ticketId: number;
  internal: boolean;
  channel: Channel;
  author: { type: 'customer' | 'agent' | 'system'; id: number | null; name: string };
  body: string;
  html: string | null;
  attachments: Attachment[];
  metadata: Record<string, unknown>;
  createdAt: Date;
}

/** What a ticket list can be narrowed by; shared by the API, saved views and search. */
export interface TicketFilter {
  status?: Status[];
  priority?: Priority[];
  /** A user id, or null for unassigned. */
  assigneeId?: number | null;
  teamId?: number | null;
  requesterId?: number;
  channel?: Channel[];
  tags?: string[];
  createdAfter?: Date;
  createdBefore?: Date;
  updatedAfter?: Date;
  /** Full-text query over subject and messages. */
  q?: string;
}

export type TicketSort = 'updated_desc' | 'updated_asc' | 'created_desc' | 'created_asc' | 'priority_desc';
