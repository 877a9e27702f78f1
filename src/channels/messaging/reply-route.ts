import type { Queryable } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import { type Channel, getTicket } from '../../tickets/index.ts';
import { type Conversation, selectChannel, selectConversationOfTicket, selectTemplates } from './messaging.queries.ts';
import { hasSessionWindow, type MessagingChannel, SESSION_WINDOW_MS, TEXTED_CHANNEL_NAMES, ticketChannelOf } from './messaging.types.ts';
import { windowClosedReason } from './session-window.ts';
import { type MessagingTemplate, templateOf } from './templates.ts';

/** Why nothing goes out on a conversation whose channel an admin took away. */
export const CHANNEL_OFF = 'the messaging channel was removed or switched off';

export interface MessagingReplyRoute {
  /** The ticket is a conversation on SMS, WhatsApp or Messenger, which its public replies go out on. */
  texted: boolean;
  channel: Channel | null;
  /** Our number or page, as the customer sees it. */
  from: string | null;
  /** The customer's number or page-scoped id. */
  to: string | null;
  /** Why a free-form reply would not go out now, in the words its failure would use; null when it would. */
  problem: string | null;
  /** When WhatsApp's 24-hour window closes, unless the customer writes again. */
  windowEndsAt: Date | null;
  /** WhatsApp's window has closed: only an approved template would go out now. */
  templateOnly: boolean;
  /** The approved templates of a WhatsApp channel, which go out also once the window has closed. */
  templates: MessagingTemplate[];
}

/** The conversation a ticket's replies go out on, with its channel; null for a ticket that is none. */
export async function conversationOfTicket(db: Queryable, ticketId: number): Promise<{ conversation: Conversation; channel: MessagingChannel } | null> {
  const conversation = await selectConversationOfTicket(db, ticketId);
  const channel = conversation ? await selectChannel(db, conversation.channelId) : null;
  return conversation && channel ? { conversation, channel } : null;
}

/** Where a public reply on the ticket goes by SMS, WhatsApp or Messenger, or why it would not, before an agent writes it. */
export async function getMessagingReplyRoute(ctx: Ctx, ticketId: number): Promise<MessagingReplyRoute> {
  const ticket = await getTicket(ctx, ticketId);
  const found = await conversationOfTicket(ctx.db, ticketId);
  if (!found) {
    // A ticket of a texted channel with no conversation (entered by hand, or from before its channel was connected): nothing carries a reply.
    const name = TEXTED_CHANNEL_NAMES[ticket.channel];
    const problem = name ? `no connected ${name} channel has this conversation, so nothing carries the reply to the customer` : null;
    return { texted: !!name, channel: name ? ticket.channel : null, from: null, to: null, problem, windowEndsAt: null, templateOnly: false, templates: [] };
  }
  const { conversation, channel } = found;
  const windowed = hasSessionWindow(channel.kind) && conversation.lastInboundAt;
  const closed = windowClosedReason(channel.kind, conversation.lastInboundAt, new Date());
  return {
    texted: true,
    channel: ticketChannelOf(channel.kind),
    from: channel.address,
    to: conversation.contact,
    problem: channel.active ? closed : CHANNEL_OFF,
    windowEndsAt: windowed ? new Date(windowed.getTime() + SESSION_WINDOW_MS) : null,
    templateOnly: channel.active && closed !== null,
    templates: hasSessionWindow(channel.kind) && channel.active ? (await selectTemplates(ctx.db, channel.id)).map(templateOf) : [],
  };
}
