import type { DomainEvent } from '../events/index.ts';
import { webhookSignature } from './sign-webhook.ts';

const TIMEOUT_MS = 10_000;
const MAX_ERROR_LENGTH = 500;
const RESPONSE_EXCERPT_LENGTH = 200;

export interface WebhookRequest {
  url: string;
  secret: string;
  deliveryId: number;
  event: DomainEvent;
  /** Aborts the request early, e.g. when the worker shuts down. */
  signal?: AbortSignal;
}

export type SendResult = { ok: true; responseStatus: number } | { ok: false; responseStatus: number | null; error: string };

export const webhookBody = (event: DomainEvent) => JSON.stringify({ id: event.id, type: event.type, createdAt: event.createdAt, data: event.payload });

/** One signed POST. Never throws: every outcome comes back as a result to record. */
export async function sendWebhook(request: WebhookRequest): Promise<SendResult> {
  const body = webhookBody(request.event);
  const timestamp = Math.floor(Date.now() / 1000);
  const signal = AbortSignal.any([AbortSignal.timeout(TIMEOUT_MS), ...(request.signal ? [request.signal] : [])]);
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Tend-Webhooks/1',
        'X-Tend-Event': request.event.type,
        'X-Tend-Delivery': String(request.deliveryId),
        'X-Tend-Timestamp': String(timestamp),
        'X-Tend-Signature': webhookSignature(request.secret, timestamp, body),
      },
      body,
      // A redirect counts as a failure: following it would send the signed event somewhere the admin did not choose.
      redirect: 'manual',
      signal,
    });
    if (response.ok) {
      await response.body?.cancel();
      return { ok: true, responseStatus: response.status };
    }
    const excerpt = await responseExcerpt(response);
    return { ok: false, responseStatus: response.status, error: truncate(`HTTP ${response.status}${excerpt ? `: ${excerpt}` : ''}`) };
  } catch (error) {
    return { ok: false, responseStatus: null, error: truncate(describe(error)) };
  }
}

/** The start of an error answer helps the admin see why the receiver refused; the rest is not worth downloading. */
async function responseExcerpt(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length < RESPONSE_EXCERPT_LENGTH) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    // The excerpt is a courtesy: a body that breaks off leaves what was read.
  } finally {
    await reader.cancel().catch(() => {});
  }
  return text.slice(0, RESPONSE_EXCERPT_LENGTH).trim();
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return `no answer within ${TIMEOUT_MS / 1000} s`;
  // fetch reports "fetch failed"; the cause says what failed (refused, DNS, TLS...).
  return error.cause instanceof Error ? error.cause.message : error.message;
}

const truncate = (text: string) => (text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text);
