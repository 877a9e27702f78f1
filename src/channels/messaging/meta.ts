import { createHmac } from 'node:crypto';
import { callProvider, type OutboundMessage, type SendResult } from './provider-api.ts';
import { sameSignature } from './same-signature.ts';
import type { DeliveryStatus, InboundItem, InboundMedia, MessagingChannel } from './messaging.types.ts';

const DEFAULT_API = 'https://graph.facebook.com/v21.0';

/** Meta signs the raw request body: `sha256=` + hex HMAC-SHA256 keyed with the app secret. */
export const metaSignature = (appSecret: string, rawBody: Buffer | string) => `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;

export function verifyMetaSignature(appSecret: string, rawBody: Buffer, signature: string | undefined): boolean {
  return sameSignature(signature, metaSignature(appSecret, rawBody));
}

const STATUSES: Record<string, DeliveryStatus> = { sent: 'sent', delivered: 'delivered', read: 'read', failed: 'failed' };
const asDate = (seconds: unknown) => (seconds === undefined ? undefined : new Date(Number(seconds) * 1000));

/** WhatsApp Cloud API: `entry[].changes[].value` with `messages` and `statuses` for our phone number id. */
function whatsappItems(channel: MessagingChannel, body: any): InboundItem[] {
  const items: InboundItem[] = [];
  for (const entry of asArray(body?.entry)) {
    for (const change of asArray(entry?.changes)) {
      const value = change?.value;
      if (change?.field !== 'messages' || String(value?.metadata?.phone_number_id ?? '') !== channel.accountId) continue;
      const names = new Map<string, string>(asArray(value.contacts).map((c: any) => [String(c?.wa_id), String(c?.profile?.name ?? '')]));
      for (const m of asArray(value.messages)) {
        if (!m?.id || !m?.from) continue;
        const media: InboundMedia[] = [];
        let text = '';
        let location: Extract<InboundItem, { kind: 'message' }>['location'];
        if (m.type === 'text') text = String(m.text?.body ?? '');
        else if (m.type === 'location') location = { latitude: Number(m.location?.latitude), longitude: Number(m.location?.longitude), name: m.location?.name, address: m.location?.address };
        else if (m[m.type]?.id) {
          const part = m[m.type];
          // Cloud API media is fetched by id through the Graph API; the id is kept as its address.
          media.push({ url: `${channel.apiBaseUrl ?? DEFAULT_API}/${part.id}`, contentType: part.mime_type ?? null, ...(part.caption ? { caption: part.caption } : {}) });
          text = String(part.caption ?? '');
        } else if (m.type === 'button') text = String(m.button?.text ?? '');
        const name = names.get(String(m.from));
        items.push({ kind: 'message', providerMessageId: String(m.id), from: String(m.from), ...(name ? { name } : {}), text, media, ...(location ? { location } : {}), ...(m.timestamp ? { sentAt: asDate(m.timestamp) } : {}), raw: m });
      }
      for (const s of asArray(value.statuses)) {
        const status = STATUSES[s?.status];
        if (!s?.id || !status) continue;
        const error = asArray(s.errors).map((e: any) => `${e?.code ?? ''} ${e?.title ?? e?.message ?? ''}`.trim()).join('; ');
        items.push({ kind: 'receipt', providerMessageId: String(s.id), status, ...(error ? { error } : {}) });
      }
    }
  }
  return items;
}

/** Messenger: `entry[].messaging[]` events for our page; read receipts name a time ("all read up to"), not messages. */
function messengerItems(channel: MessagingChannel, body: any): InboundItem[] {
  const items: InboundItem[] = [];
  for (const entry of asArray(body?.entry)) {
    if (String(entry?.id ?? '') !== channel.accountId) continue;
    for (const event of asArray(entry?.messaging)) {
      const psid = event?.sender?.id;
      const m = event?.message;
      if (m?.mid && psid && !m.is_echo) {
        const media: InboundMedia[] = [];
        let location: Extract<InboundItem, { kind: 'message' }>['location'];
        for (const a of asArray(m.attachments)) {
          if (a?.type === 'location' && a.payload?.coordinates) location = { latitude: Number(a.payload.coordinates.lat), longitude: Number(a.payload.coordinates.long), ...(a.title ? { name: a.title } : {}) };
          else if (a?.payload?.url) media.push({ url: String(a.payload.url), contentType: a.type ?? null });
        }
        items.push({ kind: 'message', providerMessageId: String(m.mid), from: String(psid), text: String(m.text ?? ''), media, ...(location ? { location } : {}), ...(event.timestamp ? { sentAt: new Date(Number(event.timestamp)) } : {}), raw: event });
      }
      for (const mid of asArray(event?.delivery?.mids)) items.push({ kind: 'receipt', providerMessageId: String(mid), status: 'delivered' });
      if (event?.read?.watermark && psid) items.push({ kind: 'read_until', contact: String(psid), until: new Date(Number(event.read.watermark)) });
    }
  }
  return items;
}

/** A Meta webhook body, as items: only what concerns this channel's number or page. */
export function metaItems(channel: MessagingChannel, body: unknown): InboundItem[] {
  return channel.kind === 'meta_messenger' ? messengerItems(channel, body) : whatsappItems(channel, body);
}

export async function sendViaMeta(channel: MessagingChannel, accessToken: string, message: OutboundMessage): Promise<SendResult> {
  const base = channel.apiBaseUrl ?? DEFAULT_API;
  const headers = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
  if (channel.kind === 'meta_messenger') {
    return callProvider(
      `${base}/${encodeURIComponent(channel.accountId)}/messages`,
      { method: 'POST', headers, body: JSON.stringify({ recipient: { id: message.to }, messaging_type: 'RESPONSE', message: { text: message.text } }) },
      (body) => body?.message_id,
    );
  }
  const payload = message.template
    ? {
        type: 'template',
        template: {
          name: message.template.name,
          language: { code: message.template.language },
          ...(message.template.variables.length ? { components: [{ type: 'body', parameters: message.template.variables.map((text) => ({ type: 'text', text })) }] } : {}),
        },
      }
    : { type: 'text', text: { body: message.text } };
  return callProvider(
    `${base}/${encodeURIComponent(channel.accountId)}/messages`,
    { method: 'POST', headers, body: JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', to: message.to, ...payload }) },
    (body) => body?.messages?.[0]?.id,
  );
}

const asArray = (value: unknown): any[] => (Array.isArray(value) ? value : []);
