import type { Channel } from '../../tickets/index.ts';

export const MESSAGING_KINDS = ['twilio_sms', 'twilio_whatsapp', 'meta_whatsapp', 'meta_messenger'] as const;
export type MessagingKind = (typeof MESSAGING_KINDS)[number];

export type Provider = 'twilio' | 'meta';
export const providerOf = (kind: MessagingKind): Provider => (kind.startsWith('twilio') ? 'twilio' : 'meta');

/** The ticket channel a provider account's conversations are on. */
export const ticketChannelOf = (kind: MessagingKind): Channel => (kind === 'twilio_sms' ? 'sms' : kind === 'meta_messenger' ? 'messenger' : 'whatsapp');

/** The ticket channels whose conversations these providers carry, as people write them. */
export const TEXTED_CHANNEL_NAMES: Partial<Record<Channel, string>> = { sms: 'SMS', whatsapp: 'WhatsApp', messenger: 'Messenger' };

/** WhatsApp lets a business write freely only within 24 hours of the customer's last message. */
export const hasSessionWindow = (kind: MessagingKind) => kind === 'twilio_whatsapp' || kind === 'meta_whatsapp';
export const SESSION_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface MessagingCredentials {
  /** Twilio: signs webhooks and authenticates API calls with the account SID. */
  authToken?: string;
  /** Meta: signs webhooks (X-Hub-Signature-256). */
  appSecret?: string;
  /** Meta: the Graph API access token. */
  accessToken?: string;
  /** Meta: what the verify-token handshake must present. */
  verifyToken?: string;
}

export const REQUIRED_CREDENTIALS: Record<Provider, (keyof MessagingCredentials)[]> = {
  twilio: ['authToken'],
  meta: ['appSecret', 'accessToken', 'verifyToken'],
};

export interface MessagingChannel {
  id: number;
  kind: MessagingKind;
  name: string;
  /** Twilio: the account SID; Meta: the WhatsApp phone number id or the page id. */
  accountId: string;
  /** Our number (E.164) or page name, as customers see it. */
  address: string;
  apiBaseUrl: string | null;
  teamId: number | null;
  /** Sealed; only this channel's code unseals it. */
  credentials: string;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface InboundMedia {
  url: string;
  contentType: string | null;
  caption?: string;
}

/** One thing a provider webhook told us, in the same shape whichever provider said it. */
export type InboundItem =
  | {
      kind: 'message';
      providerMessageId: string;
      /** The contact: a phone number (E.164) or a page-scoped id. */
      from: string;
      name?: string;
      text: string;
      media: InboundMedia[];
      location?: { latitude: number; longitude: number; name?: string; address?: string };
      sentAt?: Date;
      raw: unknown;
    }
  | { kind: 'receipt'; providerMessageId: string; status: DeliveryStatus; error?: string }
  | { kind: 'read_until'; contact: string; until: Date };

export const DELIVERY_STATUSES = ['queued', 'sent', 'delivered', 'read', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface OutboxEntry {
  id: number;
  messageId: number;
  ticketId: number;
  channelId: number;
  recipient: string;
  template: { name: string; language: string; variables: string[] } | null;
  status: DeliveryStatus;
  providerMessageId: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
}
