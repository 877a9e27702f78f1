import { sign } from './secret-box.ts';

/**
 * A signed ticket reference hidden in every reply Tend sends. Clients that drop In-Reply-To and
 * References still quote it back, so the answer finds its ticket; the signature keeps strangers
 * from writing into tickets by guessing numbers.
 */
export const replyToken = (key: Buffer, ticketId: number) => `tend-ref-${ticketId}-${sign(key, `ticket:${ticketId}`)}`;

export function findReplyToken(key: Buffer, ...texts: string[]): number | null {
  for (const text of texts) {
    for (const match of text.matchAll(/tend-ref-(\d{1,15})-([0-9a-f]{12})/g)) {
      const ticketId = Number(match[1]);
      if (replyToken(key, ticketId) === match[0]) return ticketId;
    }
  }
  return null;
}

/** `[#1234]` in a subject, as Tend writes it into every reply's subject. */
export function subjectTicketId(subject: string): number | null {
  const match = /\[#(\d{1,15})\]/.exec(subject);
  return match ? Number(match[1]) : null;
}
