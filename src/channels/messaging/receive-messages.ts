import { systemActor } from '../../auth/index.ts';
import { type CustomerReference, resolveCustomer } from '../../customers/index.ts';
import type pg from 'pg';
import { type Db, withTransaction } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import { addMessage, type Channel, createTicket, getTicket } from '../../tickets/index.ts';
import {
  applyReadUntil,
  applyReceipt,
  type ReceiptApplied,
  insertInbound,
  lockConversation,
  selectConversation,
  setInboundFiled,
  upsertConversation,
} from './messaging.queries.ts';
import { type InboundItem, type MessagingChannel, providerOf, TEXTED_CHANNEL_NAMES, ticketChannelOf } from './messaging.types.ts';
import { emitDeliveryUpdated } from './outbound.ts';

type InboundMessage = Extract<InboundItem, { kind: 'message' }>;

export interface ReceiveResult {
  stored: number;
  replayed: number;
  receipts: number;
}

/**
 * Files what a provider webhook carried, all in one transaction that commits before the webhook
 * is answered: each new message joins its contact's open ticket (or opens one) as the customer's;
 * a message stored before (the provider retrying) is left alone; receipts move our replies' status on.
 */
export async function receiveMessaging(db: Db, channel: MessagingChannel, items: InboundItem[]): Promise<ReceiveResult> {
  const result: ReceiveResult = { stored: 0, replayed: 0, receipts: 0 };
  await withTransaction(db, async (tx) => {
    for (const item of items) {
      if (item.kind === 'message') {
        if (await fileMessage(tx, channel, item)) result.stored++;
        else result.replayed++;
        continue;
      }
      const applied: ReceiptApplied[] =
        item.kind === 'receipt'
          ? [await applyReceipt(tx, channel.id, item.providerMessageId, item.status, item.error ?? null)].filter((r) => r !== null)
          : await applyReadUntil(tx, channel.id, item.contact, item.until);
      for (const receipt of applied) {
        await emitDeliveryUpdated(tx, receipt, receipt.status, channel.kind);
      }
      result.receipts += applied.length;
    }
  });
  return result;
}

async function fileMessage(tx: pg.PoolClient, channel: MessagingChannel, item: InboundMessage): Promise<boolean> {
  const ctx: Ctx = { db: tx, actor: systemActor };
  const inboundId = await insertInbound(tx, channel.id, item.providerMessageId, item.raw);
  if (inboundId === null) return false;
  await lockConversation(tx, channel.id, item.from);
  const customerId = await resolveCustomer(tx, customerReference(channel, item), 'from');
  const ticketChannel = ticketChannelOf(channel.kind);
  const message = {
    author: 'customer' as const,
    customerId,
    channel: ticketChannel,
    body: bodyOf(item),
    metadata: {
      provider: providerOf(channel.kind),
      messagingChannelId: channel.id,
      providerMessageId: item.providerMessageId,
      ...(item.media.length ? { media: item.media } : {}),
      ...(item.location ? { location: item.location } : {}),
    },
  };
  const receivedAt = new Date();
  const conversation = await selectConversation(tx, channel.id, item.from);
  const current = conversation ? await getTicket(ctx, conversation.ticketId) : null;
  let ticketId: number;
  let messageId: number;
  if (current && current.status !== 'closed' && current.mergedIntoId === null) {
    ticketId = current.id;
    messageId = (await addMessage(ctx, ticketId, message)).id;
  } else {
    const created = await createTicket(ctx, {
      subject: subjectOf(item, ticketChannel),
      requester: { customerId },
      channel: ticketChannel,
      teamId: channel.teamId,
      message,
    });
    ticketId = created.ticket.id;
    messageId = created.messageId;
  }
  await upsertConversation(tx, { channelId: channel.id, contact: item.from, customerId, ticketId, lastInboundAt: receivedAt });
  await setInboundFiled(tx, inboundId, ticketId, messageId);
  return true;
}

function customerReference(channel: MessagingChannel, item: InboundMessage): CustomerReference {
  const name = item.name ? { name: item.name } : {};
  if (channel.kind === 'meta_messenger') return { identity: { kind: 'messenger', value: item.from }, ...name };
  if (channel.kind === 'twilio_sms') return { phone: item.from, ...name };
  // A WhatsApp number is a phone number too: the same person calling or texting is one customer.
  return { phone: item.from, identity: { kind: 'whatsapp', value: item.from }, ...name };
}

function bodyOf(item: InboundMessage): string {
  const lines = item.text.trim() ? [item.text] : [];
  for (const m of item.media) lines.push(`📎 ${m.contentType ?? 'attachment'}${m.caption && m.caption !== item.text ? ` (${m.caption})` : ''}: ${m.url}`);
  if (item.location) {
    const { latitude, longitude, name, address } = item.location;
    const label = [name, address].filter(Boolean).join(', ');
    lines.push(`📍 ${label ? `${label} ` : ''}(${latitude}, ${longitude}) https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}`);
  }
  return lines.length ? lines.join('\n') : '(a message of a kind Tend cannot show; see the provider)';
}

function subjectOf(item: InboundMessage, channel: string): string {
  const firstLine = item.text.trim().split('\n')[0]?.trim() ?? '';
  if (firstLine) return firstLine.length > 80 ? `${firstLine.slice(0, 79)}…` : firstLine;
  return `${TEXTED_CHANNEL_NAMES[channel as Channel] ?? channel} message from ${item.name ?? item.from}`;
}
