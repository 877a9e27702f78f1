import { requirePermission } from '../../auth/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { addMessage, getTicket, type Message } from '../../tickets/index.ts';
import { hasSessionWindow, type OutboxEntry, ticketChannelOf } from './messaging.types.ts';
import { conversationOfTicket } from './reply-route.ts';
import { selectTemplateByName } from './messaging.queries.ts';
import { windowClosedReason } from './session-window.ts';
import { fillTemplate, templateOf } from './templates.ts';

export interface MessagingReplyInput {
  body?: string;
  template?: { name: string; language?: string; variables?: string[] };
}

/**
 * An agent's reply on a WhatsApp, SMS or Messenger conversation. Refused up front, with the
 * reason, when WhatsApp's 24-hour window has closed and no approved template is given; the
 * reply itself goes out from the job queue (see outbound.ts).
 */
export async function replyOnMessaging(ctx: Ctx, ticketId: number, input: MessagingReplyInput): Promise<Message> {
  requirePermission(ctx.actor, 'tickets.reply');
  await getTicket(ctx, ticketId);
  const found = await conversationOfTicket(ctx.db, ticketId);
  if (!found) throw notFound('messaging conversation of this ticket');
  const { conversation, channel } = found;
  if (input.template && !hasSessionWindow(channel.kind)) throw invalid('template', 'only WhatsApp channels send templates');
  if (!input.template) {
    if (!input.body?.trim()) throw invalid('body', 'body must not be empty');
    const closed = windowClosedReason(channel.kind, conversation.lastInboundAt, new Date());
    if (closed) throw conflict(closed, 'body');
  }
  const template: OutboxEntry['template'] = input.template
    ? { name: input.template.name, language: input.template.language ?? 'en', variables: input.template.variables ?? [] }
    : null;
  // A registered template is recorded in the thread as the customer reads it; another, by its name and values.
  const row = template && (await selectTemplateByName(ctx.db, channel.id, template.name, template.language));
  const registered = row ? templateOf(row) : null;
  if (registered && template && template.variables.length !== registered.variables) {
    throw invalid('template.variables', `template ${registered.name} takes ${registered.variables} values; ${template.variables.length} given`);
  }
  const body = input.body?.trim()
    ? input.body
    : registered && template
      ? fillTemplate(registered.body, template.variables)
      : `[template ${template?.name}] ${template?.variables.join(' · ') ?? ''}`.trim();
  return addMessage(ctx, ticketId, { body, channel: ticketChannelOf(channel.kind), metadata: template ? { template } : {} });
}
