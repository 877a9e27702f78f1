import { hasSessionWindow, type MessagingKind, SESSION_WINDOW_MS } from './messaging.types.ts';

/** Why a free-form reply may not go out now, or null when it may. */
export function windowClosedReason(kind: MessagingKind, lastInboundAt: Date | null, now: Date): string | null {
  if (!hasSessionWindow(kind)) return null;
  if (lastInboundAt && now.getTime() - lastInboundAt.getTime() <= SESSION_WINDOW_MS) return null;
  const since = lastInboundAt ? `last wrote more than 24 hours ago (${lastInboundAt.toISOString().slice(0, 16).replace('T', ' ')} UTC)` : 'has not written to this number';
  return `the customer ${since}: WhatsApp accepts only an approved template until they write again`;
}
