import { invalid } from '../platform/errors.ts';
import { ALL_EVENTS, WEBHOOK_EVENT_TYPES } from './webhook-events.ts';
import type { Webhook, WebhookFields } from './webhooks.queries.ts';

const SUBSCRIBABLE: ReadonlySet<string> = new Set([...WEBHOOK_EVENT_TYPES, ALL_EVENTS]);
const MAX_URL_LENGTH = 2000;

function checkUrl(raw: string): string {
  const url = raw.trim();
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalid('url', 'url must be an absolute http or https URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw invalid('url', 'url must use http or https');
  // Credentials in the URL would be shown to every admin who lists webhooks, and fetch refuses them anyway.
  if (parsed.username || parsed.password) throw invalid('url', 'url must not contain a user name or password; verify the X-Tend-Signature header instead');
  if (url.length > MAX_URL_LENGTH) throw invalid('url', `url must be at most ${MAX_URL_LENGTH} characters`);
  return url;
}

function checkEvents(events: string[]): string[] {
  if (events.length === 0) throw invalid('events', 'events must name at least one event type, or "*" for all');
  const unknown = events.find((e) => !SUBSCRIBABLE.has(e));
  if (unknown !== undefined) throw invalid('events', `unknown event type "${unknown}"; known: ${[...SUBSCRIBABLE].join(', ')}`);
  return [...new Set(events)];
}

/** The settings of a webhook, checked and normalised; the same rules for creating and updating. */
export function webhookFields(input: WebhookFields): WebhookFields {
  return { url: checkUrl(input.url), events: checkEvents(input.events), active: input.active, description: input.description.trim() };
}

/** What an admin set, as recorded in the audit log (never the secret). */
export const webhookSettings = (w: Webhook): WebhookFields => ({ url: w.url, events: w.events, active: w.active, description: w.description });
