import { htmlToText, sanitizeHtml } from '../platform/sanitize-html.ts';
import { invalid } from '../platform/errors.ts';
import type { AttachmentRow } from './tickets.queries.ts';
import type { Channel } from './tickets.types.ts';

/** A message as callers hand it in, from the API or a channel. */
export interface NewMessage {
  body?: string;
  html?: string;
  internal?: boolean;
  /** Who wrote it. Default: the acting agent; channels pass `customer` for inbound messages. */
  author?: 'customer' | 'agent' | 'system';
  /** The customer who wrote an inbound message; default the ticket's requester. */
  customerId?: number;
  channel?: Channel;
  attachments?: AttachmentRow[];
  metadata?: Record<string, unknown>;
  /** For imports and channels that know when a message was really written. */
  createdAt?: Date;
  /**
   * Set by channels that keep the message's source (a mail's raw text): that is the original, so the
   * HTML handed in, already cut and rewritten from it, is not kept a second time.
   */
  sourceKept?: boolean;
}

const MAX_BODY = 1_000_000;

/** Body text, sanitised HTML, and the original HTML kept for audit where the channel keeps no source. */
export function prepareContent(message: NewMessage, field = 'body'): { body: string; html: string | null; originalHtml: string | null } {
  const html = message.html?.trim() ? message.html : null;
  const sanitized = html === null ? null : sanitizeHtml(html);
  const body = message.body?.trim() ? message.body : sanitized === null ? '' : htmlToText(sanitized);
  if (!body.trim() && !message.attachments?.length) throw invalid(field, `${field} must not be empty`);
  if (body.length > MAX_BODY) throw invalid(field, `${field} must be at most ${MAX_BODY} characters`);
  return { body, html: sanitized, originalHtml: message.sourceKept ? null : html };
}
