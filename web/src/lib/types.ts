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

/** How a message came or went by email (GET /email/messages). */
/** How sending an agent's reply by SMS, WhatsApp or Messenger went. */
export interface MessagingDelivery {
  messageId: number;
  /** The phone number or page-scoped id the reply goes to. */
  recipient: string;
  status: 'queued' | 'sent' | 'delivered' | 'read' | 'failed';
  attempts: number;
  lastError: string | null;
  updatedAt: string;
}

export interface MessageMail {
  messageId: number;
  /** The mail itself is kept and can be shown. */
  source: boolean;
  delivery: {
    status: 'queued' | 'sent' | 'failed' | 'bounced';
    attempts: number;
    lastError: string | null;
    to: string[];
    cc: string[];
    sentAt: string | null;
    updatedAt: string;
  } | null;
}

/** Where a public reply on a ticket is mailed (GET /email/tickets/{id}/reply-route). */
export interface ReplyRoute {
  mailed: boolean;
  from: string | null;
  to: string | null;
  cc: string[];
  problem: string | null;
}

/** On which number or page a reply on an SMS, WhatsApp or Messenger ticket goes out, and whether it can now. */
export interface MessagingReplyRoute {
  texted: boolean;
  channel: string | null;
  from: string | null;
  to: string | null;
  problem: string | null;
  windowEndsAt: string | null;
  templateOnly: boolean;
  templates: MessagingTemplate[];
}

/** A WhatsApp template the provider approved, with numbered placeholders ({{1}}…) for `variables` values. */
export interface MessagingTemplate {
  id: number;
  channelId: number;
  name: string;
  language: string;
  body: string;
  variables: number;
}

export interface MailAddress {
  address: string;
  name: string;
}

export interface OriginalMail {
  subject: string;
  from: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  date: string | null;
  text: string;
  html: string | null;
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

/* Admin settings: the shapes of /email, /chat, /messaging, /custom-fields, /roles, /webhooks, /business-hours, /sla and /routing. */
export const CHANNELS = ['email', 'chat', 'sms', 'whatsapp', 'messenger', 'phone', 'walk_in', 'portal', 'web', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface Team {
  id: number;
  name: string;
  description: string;
  memberCount: number;
}

export interface AgentDetail extends Agent {
  role: string;
  roleName: string;
  status: 'invited' | 'active' | 'deactivated';
  timeZone: string;
}

export interface Role {
  id: number;
  key: string;
  name: string;
  permissions: string[];
  builtIn: boolean;
  userCount: number;
}

export interface ApiToken {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface Mailbox {
  id: number;
  address: string;
  name: string;
  teamId: number | null;
  inbound: 'smtp' | 'imap';
  imap: { host: string | null; port: number | null; tls: boolean; user: string | null; folder: string; after: 'seen' | 'move'; moveTo: string | null };
  smtp: { host: string | null; port: number | null; secure: boolean; user: string | null };
  hasImapPassword: boolean;
  hasSmtpPassword: boolean;
  outgoing: 'own' | 'relay' | 'none';
  active: boolean;
  status: string;
  lastError: string | null;
  lastErrorAt: string | null;
}

export interface InboundMail {
  id: number;
  mailboxId: number | null;
  source: string;
  messageId: string | null;
  envelopeFrom: string | null;
  envelopeTo: string[];
  fromAddress: string | null;
  subject: string | null;
  status: string;
  reason: string | null;
  ticketId: number | null;
  receivedAt: string;
}

export interface BlockedSender {
  id: number;
  pattern: string;
  reason: string;
  createdAt: string;
}

export const WIDGET_LANGUAGES = ['auto', 'en', 'de'] as const;
export interface ChatChannel {
  id: number;
  name: string;
  settings: {
    color: string;
    greeting: string;
    position: 'right' | 'left';
    language: (typeof WIDGET_LANGUAGES)[number];
    replyTimeText: string;
    preChatForm: 'off' | 'optional' | 'required';
    offline: boolean;
    businessCalendarId: number | null;
    /** The phone callback queue visitors may ask to be called back through; null: no callbacks. */
    callbackQueueId: number | null;
  };
  teamId: number | null;
  active: boolean;
  embedCode: string;
}

export const MESSAGING_KINDS = ['twilio_sms', 'twilio_whatsapp', 'meta_whatsapp', 'meta_messenger'] as const;
export type MessagingKind = (typeof MESSAGING_KINDS)[number];
export type MessagingCredential = 'authToken' | 'appSecret' | 'accessToken' | 'verifyToken';
export interface MessagingChannel {
  id: number;
  kind: MessagingKind;
  name: string;
  accountId: string;
  address: string;
  apiBaseUrl: string | null;
  teamId: number | null;
  active: boolean;
  credentialsSet: MessagingCredential[];
  webhookPath: string;
}

export const CUSTOM_FIELD_TYPES = ['text', 'number', 'date', 'dropdown', 'checkbox'] as const;
export interface CustomField {
  id: number;
  key: string;
  label: string;
  type: (typeof CUSTOM_FIELD_TYPES)[number];
  options: string[];
  required: boolean;
  active: boolean;
  position: number;
}

export interface Webhook {
  id: number;
  url: string;
  events: string[];
  active: boolean;
  description: string;
  createdAt: string;
}

export interface WebhookDelivery {
  id: number;
  webhookId: number;
  eventId: number;
  eventType: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  responseStatus: number | null;
  lastError: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
}

export interface WeeklyInterval {
  day: number;
  start: string;
  end: string;
}
export interface Holiday {
  date: string;
  name: string;
  recurring: boolean;
}
export interface BusinessCalendar {
  id: number;
  name: string;
  timeZone: string;
  weeklyHours: WeeklyInterval[];
  holidays: Holiday[];
}

/** Ticket properties an SLA policy or routing queue matches on; every given list must match. */
export interface TicketConditions {
  priority?: Priority[];
  channel?: Channel[];
  tags?: string[];
  organizationId?: number[];
  /** The customer's language (BCP 47); "de" also matches "de-AT". Routing only. */
  language?: string[];
  /** The customer carries any of these tags. Routing only. */
  customerTags?: string[];
}

export interface SlaPolicy {
  id: number;
  name: string;
  position: number;
  active: boolean;
  conditions: TicketConditions;
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
  warningMinutes: number;
  calendarId: number | null;
  pauseStatuses: ('pending' | 'on_hold')[];
  escalation: { notifyUserIds?: number[]; raisePriority?: boolean; addTags?: string[]; assigneeId?: number; teamId?: number };
}

export const ROUTING_STRATEGIES = ['round_robin', 'least_loaded', 'skills_best_match'] as const;
export type MaxWaitAction = { kind: 'overflow'; queueId: number } | { kind: 'escalate'; notifyUserIds?: number[]; raisePriority?: boolean } | { kind: 'auto_reply'; body: string };
export interface RoutingQueue {
  id: number;
  name: string;
  teamId: number;
  position: number;
  active: boolean;
  strategy: (typeof ROUTING_STRATEGIES)[number];
  conditions: TicketConditions;
  skillRules: { when: TicketConditions; skill: string; minLevel: number }[];
  sticky: boolean;
  maxWaitMinutes: number | null;
  onMaxWait: MaxWaitAction | null;
  calendarId: number | null;
}

export interface AgentRouting {
  userId: number;
  name: string;
  status: 'online' | 'away' | 'offline';
  capacities: Record<string, number>;
  skills: { skill: string; level: number }[];
  load: Record<string, number>;
}

export interface HelpCenterSettings {
  name: string;
  logoText: string;
  brandColor: string;
  defaultLocale: string;
  locales: string[];
  updatedAt: string;
}

export interface AuditEntry {
  id: number;
  actor: { kind: string; userId: number | null; name: string | null };
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  createdAt: string;
}

/** A telephony provider posting call events; its signing secret is shown only when created or replaced. */
export interface PhoneChannel {
  id: number;
  name: string;
  teamId: number | null;
  active: boolean;
  webhookPath: string;
}

export interface CallbackQueue {
  id: number;
  name: string;
  maxWaitSeconds: number;
  leadUserId: number | null;
  teamId: number | null;
}

export interface Organization {
  id: number;
  name: string;
  domains: string[];
  notes: string;
  memberCount: number;
}
