import type { WidgetMessage } from './visitor-conversation.ts';

export const WIDGET_LANGUAGES = ['auto', 'en', 'de'] as const;

/** How the widget looks and when it takes live chats. */
export interface ChatSettings {
  color: string;
  greeting: string;
  position: 'right' | 'left';
  /** 'auto' follows the visitor's browser. */
  language: (typeof WIDGET_LANGUAGES)[number];
  /** Shown while online, e.g. "We usually reply in a few minutes". */
  replyTimeText: string;
  preChatForm: 'off' | 'optional' | 'required';
  /** Switched off by hand: the widget takes messages answered by email. */
  offline: boolean;
  /** Outside these hours the widget takes messages answered by email. */
  businessCalendarId: number | null;
  /** The phone callback queue visitors may ask to be called back through; null: the widget offers no callbacks. */
  callbackQueueId: number | null;
}

export const DEFAULT_SETTINGS: ChatSettings = {
  color: '#2563eb',
  greeting: 'Hi! How can we help?',
  position: 'right',
  language: 'auto',
  replyTimeText: 'We usually reply in a few minutes',
  preChatForm: 'optional',
  offline: false,
  businessCalendarId: null,
  callbackQueueId: null,
};

export interface ChatChannel {
  id: number;
  name: string;
  settings: ChatSettings;
  teamId: number | null;
  /** Sealed; signs host-app identities. */
  secret: string;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface Visitor {
  id: string;
  channelId: number;
  externalUserId: string | null;
  name: string;
  email: string | null;
  customerId: number | null;
  ticketId: number | null;
  pageUrl: string | null;
}

/** What the widget is told over its socket: new messages of its conversation, or an agent typing. */
export type VisitorSignal = { type: 'message'; messages: WidgetMessage[] } | { type: 'typing'; name: string; typing: boolean };
