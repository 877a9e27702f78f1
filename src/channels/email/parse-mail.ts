import { createHash } from 'node:crypto';
import { type AddressObject, type Attachment, type ParsedMail, simpleParser } from 'mailparser';

export interface MailAddress {
  address: string;
  name: string;
}

/** How a mail came to be written: only `person` mail may open tickets or ever be answered automatically. */
export type MailKind = 'person' | 'auto_reply' | 'bounce' | 'list';

export interface InboundMail {
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  subject: string;
  from: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  date: Date | null;
  text: string;
  html: string | null;
  attachments: { filename: string; contentType: string; data: Buffer; contentId: string | null }[];
  kind: MailKind;
  /** Set on mail Tend sent itself (a loop through a forward or an alias). */
  fromTend: boolean;
  /** For a delivery report: the Message-IDs of the mail it reports on, and what the server said. */
  bounce: { messageIds: string[]; diagnostic: string } | null;
}

export const TEND_HEADER = 'X-Tend-Ticket';

// Headers each relay adds on the way; two deliveries of one mail differ only in these.
const TRACE_HEADERS = /^(received|return-path|delivered-to|x-original-to|x-received|arc-[a-z-]+|authentication-results|x-spam-[a-z-]+)$/i;

/** Splits a raw mail into its header block and body at the first empty line. */
function splitRaw(raw: Buffer): { head: string; body: Buffer } {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  const at = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf : lf;
  if (at < 0) return { head: raw.toString('latin1'), body: Buffer.alloc(0) };
  return { head: raw.subarray(0, at).toString('latin1'), body: raw.subarray(at) };
}

/** Header fields unfolded, each as [name, value]. */
function headerFields(head: string): [string, string][] {
  const fields: [string, string][] = [];
  for (const line of head.split(/\r?\n/)) {
    const last = fields[fields.length - 1];
    if (/^[ \t]/.test(line) && last) last[1] += ` ${line.trim()}`;
    else {
      const colon = line.indexOf(':');
      if (colon > 0) fields.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
    }
  }
  return fields;
}

/** What identifies a mail across re-deliveries: its content without the trace headers relays add. */
export function contentHash(raw: Buffer): string {
  const { head, body } = splitRaw(raw);
  const hash = createHash('sha256');
  for (const [name, value] of headerFields(head)) if (!TRACE_HEADERS.test(name)) hash.update(`${name.toLowerCase()}:${value}\n`);
  return hash.update(body).digest('hex');
}

const stripBrackets = (id: string) => id.trim().replace(/^<|>$/g, '').trim();

/** The Message-ID straight from the header block, for mail the parser cannot read. */
export function rawMessageId(raw: Buffer): string | null {
  const field = headerFields(splitRaw(raw).head).find(([name]) => name.toLowerCase() === 'message-id');
  const id = field ? stripBrackets(field[1]) : '';
  return id ? id.slice(0, 998) : null;
}

function addresses(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const flat = objects.flatMap((o) => o.value).flatMap((a) => (a.group ? a.group : [a]));
  return flat.filter((a) => a.address?.includes('@')).map((a) => ({ address: (a.address as string).toLowerCase(), name: a.name?.trim() ?? '' }));
}

function headerText(parsed: ParsedMail, name: string): string {
  const value = parsed.headers.get(name);
  if (value === undefined || value === null) return '';
  if (typeof value === 'object' && 'value' in value) return String(value.value);
  return String(value);
}

function kindOf(parsed: ParsedMail, envelopeFrom: string | null): MailKind {
  const contentType = headerText(parsed, 'content-type').toLowerCase();
  const from = addresses(parsed.from)[0]?.address ?? '';
  const nullSender = envelopeFrom === '' || /^<\s*>$/.test(headerText(parsed, 'return-path').trim());
  if (contentType === 'multipart/report' || (nullSender && /^(mailer-daemon|postmaster)@/i.test(from))) return 'bounce';
  const autoSubmitted = headerText(parsed, 'auto-submitted').toLowerCase();
  const precedence = headerText(parsed, 'precedence').toLowerCase();
  if ((autoSubmitted && autoSubmitted !== 'no') || parsed.headers.has('x-autoreply') || parsed.headers.has('x-autorespond') || precedence === 'auto_reply' || nullSender) {
    return 'auto_reply';
  }
  if (['bulk', 'list', 'junk'].includes(precedence) || parsed.headers.has('list-id')) return 'list';
  return 'person';
}

const REPORTED_PART = /^(message\/rfc822|text\/rfc822-headers|message\/global|message\/global-headers)$/i;

function bounceOf(parsed: ParsedMail): InboundMail['bounce'] {
  const messageIds: string[] = [];
  let diagnostic = '';
  for (const part of parsed.attachments) {
    const text = part.content.toString('utf8');
    if (REPORTED_PART.test(part.contentType)) {
      for (const match of text.matchAll(/^Message-ID:\s*(<[^>\r\n]+>|\S+)/gim)) messageIds.push(stripBrackets(match[1] as string));
    } else if (/delivery-status/i.test(part.contentType)) {
      const lines = text.split(/\r?\n/).filter((l) => /^(Status|Diagnostic-Code|Action|Final-Recipient):/i.test(l));
      diagnostic = lines.join('\n');
    }
  }
  if (!diagnostic) diagnostic = (parsed.text ?? '').trim().slice(0, 2000);
  return { messageIds, diagnostic };
}

const attachmentOf = (a: Attachment, i: number) => ({
  filename: a.filename?.trim() || `attachment-${i + 1}${a.contentType === 'message/rfc822' ? '.eml' : ''}`,
  contentType: a.contentType || 'application/octet-stream',
  data: a.content,
  contentId: a.contentId ? stripBrackets(a.contentId) : null,
});

// Postgres text cannot hold NUL; real-world mail sometimes does.
const noNul = (s: string) => s.replaceAll('\0', '');

/** Decodes a raw RFC 5322 mail: charsets, encoded words, MIME parts, and what kind of sender wrote it. */
export async function parseMail(raw: Buffer, envelopeFrom: string | null = null): Promise<InboundMail> {
  const parsed = await simpleParser(raw, { keepCidLinks: true, skipTextToHtml: true, skipImageLinks: true });
  const kind = kindOf(parsed, envelopeFrom);
  const references = parsed.references === undefined ? [] : Array.isArray(parsed.references) ? parsed.references : parsed.references.split(/\s+/);
  const date = parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : null;
  return {
    messageId: parsed.messageId ? stripBrackets(parsed.messageId) || null : null,
    inReplyTo: parsed.inReplyTo ? stripBrackets(parsed.inReplyTo.split(/\s+/)[0] ?? '') || null : null,
    references: references.map(stripBrackets).filter(Boolean),
    subject: noNul(parsed.subject ?? '').trim(),
    from: addresses(parsed.from)[0] ?? null,
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    date,
    text: noNul(parsed.text ?? ''),
    html: parsed.html ? noNul(parsed.html) : null,
    attachments: kind === 'bounce' ? [] : parsed.attachments.map(attachmentOf),
    kind,
    fromTend: parsed.headers.has(TEND_HEADER.toLowerCase()),
    bounce: kind === 'bounce' ? bounceOf(parsed) : null,
  };
}
