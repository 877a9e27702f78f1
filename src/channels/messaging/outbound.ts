import type { Task } from 'graphile-worker';
import type pg from 'pg';
import { systemActor } from '../../auth/index.ts';
import { loadConfig } from '../../config.ts';
import type { Queryable } from '../../db/pool.ts';
import { type DomainEvent, emitEvent } from '../../events/index.ts';
import { enqueue } from '../../jobs/enqueue.ts';
import type { Ctx } from '../../platform/context.ts';
import { encodeCursor } from '../../platform/pagination.ts';
import { listMessages, type Message } from '../../tickets/index.ts';
import { secretKey } from '../email/index.ts';
import { channelCredentials } from './manage-channels.ts';
import { CHANNEL_OFF } from './reply-route.ts';
import { sendViaMeta } from './meta.ts';
import { insertOutbox, recordOutboxAttempt, selectChannel, selectConversationOfTicket, selectOutbox } from './messaging.queries.ts';
import { type DeliveryStatus, type MessagingKind, type OutboxEntry, providerOf, ticketChannelOf } from './messaging.types.ts';
import type { SendResult } from './provider-api.ts';
import { windowClosedReason } from './session-window.ts';
import { sendViaTwilio } from './twilio.ts';

export const MESSAGING_SEND_TASK = 'messaging.send';
// With graphile-worker's exponential backoff, eight tries span about an hour and a quarter.
const SEND_ATTEMPTS = 8;

/**
 * Tells live threads and subscribers how sending a reply went, and by which channel (sms, whatsapp,
 * messenger; null once its channel was removed), as email's deliveries say `email`.
 */
export const emitDeliveryUpdated = (db: Queryable, reply: { ticketId: number; messageId: number }, status: DeliveryStatus, kind: MessagingKind | null) =>
  emitEvent(db, 'message.delivery_updated', { ticketId: reply.ticketId, messageId: reply.messageId, channel: kind ? ticketChannelOf(kind) : null, status });

/** Adds the job that sends an outbox row; one job per message, whoever asks. */
export const enqueueSend = (tx: Queryable, entry: { id: number; messageId: number }) =>
  enqueue(tx, MESSAGING_SEND_TASK, { outboxId: entry.id }, { jobKey: `${MESSAGING_SEND_TASK}:${entry.messageId}`, maxAttempts: SEND_ATTEMPTS });

/**
 * Event subscriber: an agent's public reply on a ticket that carries a messaging conversation
 * becomes an outbox row and a send job. Safe to run again for the same event: the outbox row is
 * unique per message and the job does nothing for a row no longer queued.
 */
export async function enqueueMessagingReply(db: Queryable, event: DomainEvent): Promise<void> {
  if (event.type !== 'message.created') return;
  const { ticketId, messageId, internal, authorType } = event.payload as { ticketId: number; messageId: number; internal: boolean; authorType: string };
  if (internal || authorType !== 'agent') return;
  const conversation = await selectConversationOfTicket(db, ticketId);
  if (!conversation) return;
  const client = db as pg.PoolClient;
  const message = await loadMessage({ db: client, actor: systemActor }, ticketId, messageId);
  if (!message) return;
  await client.query('BEGIN');
  try {
    const template = (message.metadata.template as OutboxEntry['template'] | undefined) ?? null;
    const outboxId = await insertOutbox(client, { messageId, ticketId, channelId: conversation.channelId, recipient: conversation.contact, template });
    if (outboxId !== null) await enqueueSend(client, { id: outboxId, messageId });
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

/** One message of a ticket: listMessages pages by id, so the page after `id - 1` starts with it. */
async function loadMessage(ctx: Ctx, ticketId: number, messageId: number): Promise<Message | null> {
  const page = await listMessages(ctx, ticketId, { cursor: encodeCursor([messageId - 1]), limit: 1 });
  return page.data[0]?.id === messageId ? page.data[0] : null;
}

/**
 * The `messaging.send` job: sends one outbox row through its provider's REST API. A temporary
 * failure (429, 5xx, network) is retried with backoff until the last try; a permanent one (any
 * other 4xx, a closed WhatsApp window, a removed channel) fails the row for good with the reason
 * on it, where the agent sees it and may retry. A row no longer queued is never sent again.
 */
export const sendMessagingReply: Task = async (payload, helpers) => {
  const { outboxId } = payload as { outboxId: number };
  await helpers.withPgClient(async (client) => {
    const entry = await selectOutbox(client, outboxId);
    if (!entry || entry.status !== 'queued') return;
    const channel = await selectChannel(client, entry.channelId);
    const finish = async (status: DeliveryStatus, error: string | null, providerMessageId?: string) => {
      await recordOutboxAttempt(client, outboxId, { status, error, ...(providerMessageId ? { providerMessageId } : {}) });
      // After the row: should the process die in between, the status is right and only the live update is lost.
      // A temporary failure is news too: the thread shows the reply as being retried.
      await emitDeliveryUpdated(client, entry, status, channel?.kind ?? null);
    };
    if (!channel?.active) return finish('failed', CHANNEL_OFF);
    const message = await loadMessage({ db: client, actor: systemActor }, entry.ticketId, entry.messageId);
    if (!message) return finish('failed', 'the message no longer exists');
    const conversation = await selectConversationOfTicket(client, entry.ticketId);
    const closed = entry.template ? null : windowClosedReason(channel.kind, conversation?.lastInboundAt ?? null, new Date());
    if (closed) return finish('failed', closed);

    const credentials = channelCredentials(secretKey(loadConfig().dataDir), channel);
    const outbound = { to: entry.recipient, text: message.body, template: entry.template };
    const result: SendResult =
      providerOf(channel.kind) === 'twilio'
        ? await sendViaTwilio(channel, credentials.authToken ?? '', outbound)
        : await sendViaMeta(channel, credentials.accessToken ?? '', outbound);
    if (result.ok) return finish('sent', null, result.providerMessageId);
    const lastTry = helpers.job.attempts >= helpers.job.max_attempts;
    if (!result.temporary || lastTry) return finish('failed', result.error);
    await finish('queued', result.error);
    throw new Error(`temporary failure sending message ${entry.messageId}: ${result.error}`);
  });
};
