/** The shapes the Tend API answers with (see /api/v1/openapi.json). */
export const STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export type Status = (typeof STATUSES)[number];
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export interface Ref {
  id: number;
  name: string;
}

export interface Ticket {
  id: number;
  subject: string;
  status: Status;
  priority: Priority;
  type: string | null;
  channel: string;
  requester: Ref & { email: string | null };
  assignee: Ref | null;
  team: Ref | null;
  tags: string[];
  customFields: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  firstResponseAt: string | null;
  solvedAt: string | null;
  lastMessageAt: string;
}

export interface Attachment {
  id: number;
  filename: string;
  contentType: string;
  size: number;
}

export interface Message {
  id: number;
  ticketId: number;
  internal: boolean;
  channel: string;
  author: { type: 'customer' | 'agent' | 'system'; id: number | null; name: string };
  body: string;
  html: string | null;
  attachments: Attachment[];
  createdAt: string;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export interface Me {
  id: number | null;
  name: string;
  role: string;
  permissions: string[];
}

export interface Customer {
  id: number;
  name: string;
  organization: Ref | null;
  language: string | null;
  timeZone: string | null;
  tags: string[];
  attributes: Record<string, unknown>;
  identities: { id: number; kind: string; value: string; isPrimary: boolean }[];
  createdAt: string;
}

/** A saved view: its filters are a ticket-list query. */
export interface View {
  id: number | string;
  name: string;
  filters: Record<string, string | string[]>;
  sort?: string;
  count?: number;
  shared?: boolean;
}

export interface Agent {
  id: number;
  name: string;
  email: string;
  status?: string;
}
