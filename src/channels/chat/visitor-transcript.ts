import { systemActor } from '../../auth/index.ts';
import { normalizeIdentity } from '../../customers/index.ts';
import { type Db, withTransaction } from '../../db/pool.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { addMessage } from '../../tickets/index.ts';
import { enqueueSystemMail } from '../email/index.ts';
import { lockVisitor, updateVisitor } from './chat.queries.ts';
import type { ChatChannel } from './chat.types.ts';
import { readVisitorThread, type WidgetMessage } from './visitor-conversation.ts';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const stamp = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const who = (m: WidgetMessage) => (m.author.type === 'customer' ? 'You' : m.author.name || 'Support');
const files = (m: WidgetMessage) => m.attachments.map((a) => `[${a.filename}]`).join(' ');

/** Everything the visitor can see of their conversation, oldest first. */
async function wholeThread(db: Db, ticketId: number): Promise<WidgetMessage[]> {
  const all: WidgetMessage[] = [];
  for (let page = await readVisitorThread(db, { ticketId }, 0); page.length > 0; page = await readVisitorThread(db, { ticketId }, all.at(-1)?.id ?? 0)) {
    all.push(...page);
    if (page.length < 100) break;
  }
  return all;
}

function compose(channel: ChatChannel, messages: WidgetMessage[]): { text: string; html: string } {
  const text = messages.map((m) => `[${stamp(m.createdAt)}] ${who(m)}: ${[m.body, files(m)].filter(Boolean).join(' ')}`).join('\n\n');
  const rows = messages
    .map((m) => `<p style="margin:0 0 12px"><span style="color:#6b7280;font-size:12px">${stamp(m.createdAt)}</span><br><strong>${escapeHtml(who(m))}:</strong> ${escapeHtml([m.body, files(m)].filter(Boolean).join(' ')).replace(/\n/g, '<br>')}</p>`)
    .join('');
  const title = `Your conversation with ${channel.name}`;
  return { text: `${title}\n\n${text}\n`, html: `<div style="font-family:system-ui,sans-serif;font-size:14px;color:#111827"><h2 style="font-size:16px">${escapeHtml(title)}</h2>${rows}</div>` };
}

/**
 * "Email me the transcript": the visitor's conversation goes out through the email outbox to the
 * address they give (kept on the visitor for next time) or gave before. The ticket notes the sending.
 */
export async function emailTranscript(db: Db, channel: ChatChannel, visitorId: string, input: { email?: string }): Promise<{ email: string }> {
  return withTransaction(db, async (tx) => {
    const visitor = await lockVisitor(tx, visitorId);
    if (!visitor) throw notFound('visitor');
    const given = input.email?.trim() || visitor.email;
    if (!given) throw invalid('email', 'give an email address to send the transcript to');
    const email = normalizeIdentity('email', given, 'email');
    if (!visitor.ticketId) throw invalid('email', 'there is no conversation to send yet');
    const messages = await wholeThread(db, visitor.ticketId);
    if (!visitor.email) await updateVisitor(tx, visitor.id, { email });
    const note = await addMessage({ db: tx, actor: systemActor }, visitor.ticketId, { author: 'system', internal: true, channel: 'chat', body: `Chat transcript emailed to ${email} at the visitor's request.` });
    await enqueueSystemMail(tx, { ticketId: visitor.ticketId, messageId: note.id, to: email, subject: `Your conversation with ${channel.name}`, ...compose(channel, messages) });
    return { email };
  });
}
