import { createHmac } from 'node:crypto';
import { callProvider, type OutboundMessage, type SendResult } from './provider-api.ts';
import { sameSignature } from './same-signature.ts';
import type { DeliveryStatus, InboundItem, InboundMedia, MessagingChannel } from './messaging.types.ts';

const DEFAULT_API = 'https://api.twilio.com';

/**
 * Twilio's request signature: HMAC-SHA1, keyed with the auth token, of the full URL Twilio
 * called followed by every POST parameter as name+value, sorted by name; base64.
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = url + Object.keys(params).sort().map((name) => name + params[name]).join('');
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

export function verifyTwilioSignature(authToken: string, url: string, params: Record<string, string>, signature: string | undefined): boolean {
  return sameSignature(signature, twilioSignature(authToken, url, params));
}

const withoutPrefix = (address: string) => address.replace(/^whatsapp:/, '');

const STATUSES: Record<string, DeliveryStatus> = { sent: 'sent', delivered: 'delivered', read: 'read', failed: 'failed', undelivered: 'failed' };

/** A Twilio webhook: an incoming message, or a status callback about one of ours. */
export function twilioItems(params: Record<string, string>): InboundItem[] {
  const sid = params.MessageSid ?? params.SmsMessageSid;
  if (!sid) return [];
  const status = params.MessageStatus;
  if (status && status !== 'received') {
    const mapped = STATUSES[status];
    if (!mapped) return [];
    const error = params.ErrorCode ? `error ${params.ErrorCode}${params.ErrorMessage ? `: ${params.ErrorMessage}` : ''}` : undefined;
    return [{ kind: 'receipt', providerMessageId: sid, status: mapped, ...(error ? { error } : {}) }];
  }
  if (!params.From) return [];
  const media: InboundMedia[] = [];
  for (let i = 0; i < Number(params.NumMedia ?? 0); i++) {
    const url = params[`MediaUrl${i}`];
    if (url) media.push({ url, contentType: params[`MediaContentType${i}`] ?? null });
  }
  const latitude = Number(params.Latitude);
  const longitude = Number(params.Longitude);
  const hasLocation = params.Latitude !== undefined && Number.isFinite(latitude) && Number.isFinite(longitude);
  return [
    {
      kind: 'message',
      providerMessageId: sid,
      from: withoutPrefix(params.From),
      ...(params.ProfileName ? { name: params.ProfileName } : {}),
      text: params.Body ?? '',
      media,
      ...(hasLocation ? { location: { latitude, longitude, ...(params.Label ? { name: params.Label } : {}), ...(params.Address ? { address: params.Address } : {}) } } : {}),
      raw: params,
    },
  ];
}

export async function sendViaTwilio(channel: MessagingChannel, authToken: string, message: OutboundMessage): Promise<SendResult> {
  const whatsapp = channel.kind === 'twilio_whatsapp';
  const address = (a: string) => (whatsapp ? `whatsapp:${a}` : a);
  const form = new URLSearchParams({ To: address(message.to), From: address(channel.address) });
  if (message.template) {
    // Approved WhatsApp templates are Twilio Content resources, named by their SID.
    form.set('ContentSid', message.template.name);
    form.set('ContentVariables', JSON.stringify(Object.fromEntries(message.template.variables.map((v, i) => [String(i + 1), v]))));
  } else {
    form.set('Body', message.text);
  }
  const base = channel.apiBaseUrl ?? DEFAULT_API;
  return callProvider(
    `${base}/2010-04-01/Accounts/${encodeURIComponent(channel.accountId)}/Messages.json`,
    {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${channel.accountId}:${authToken}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: form.toString(),
    },
    (body) => body?.sid,
  );
}
