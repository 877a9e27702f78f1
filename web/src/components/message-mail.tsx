import { useQuery } from '@tanstack/react-query';
import { Download, Mail } from 'lucide-react';
import { Fragment, useState } from 'react';
import { api } from '../lib/api.ts';
import type { MailAddress, Message, MessageMail, OriginalMail } from '../lib/types.ts';
import { FormDialog } from './forms/index.ts';
import { button, fullTime } from './ui.tsx';

/** The API answers for at most this many messages at once; a longer thread asks about its newest. */
export const MAX_ASKED = 500;

/** Which of a thread's messages came or went by email, and how each reply's mailing went; kept live by message events. */
export function useMessageMails(ticketId: number, messages: Message[] | undefined): Map<number, MessageMail> {
  const ids = (messages ?? []).map((m) => m.id).slice(-MAX_ASKED);
  const mails = useQuery({
    queryKey: ['messages', ticketId, 'mail', ids],
    queryFn: () => api.get<{ data: MessageMail[] }>('/email/messages', { id: ids }),
    enabled: ids.length > 0,
    placeholderData: (previous) => previous,
  });
  return new Map((mails.data?.data ?? []).map((m) => [m.messageId, m]));
}

const addresses = (list: MailAddress[]) => list.map((a) => (a.name ? `${a.name} <${a.address}>` : a.address)).join(', ');

/** The whole mail a message came in (or went out) as: the thread shows only its new text. */
export function OriginalMailButton({ messageId }: { messageId: number }) {
  const [open, setOpen] = useState(false);
  const original = useQuery({ queryKey: ['original-mail', messageId], queryFn: () => api.get<OriginalMail>(`/messages/${messageId}/original`), enabled: open });
  const mail = original.data;
  const header = mail && [
    ...(mail.from ? [['From', addresses([mail.from])]] : []),
    ['To', addresses(mail.to) || '—'],
    ...(mail.cc.length ? [['Cc', addresses(mail.cc)]] : []),
    ...(mail.date ? [['Date', fullTime(mail.date)]] : []),
  ];
  return (
    <>
      <button type="button" className={`${button.ghost} px-1.5 py-0.5 text-xs text-stone-400 hover:text-stone-700`} title="Show the whole email, quoted text and signature included" onClick={() => setOpen(true)}>
        <Mail className="size-3.5" aria-hidden /> Original
      </button>
      <FormDialog open={open} onClose={() => setOpen(false)} title={mail?.subject || 'Original email'} wide>
        {original.isPending && <p className="text-sm text-stone-400">Loading the email…</p>}
        {original.isError && <p className="text-sm text-red-700">The email could not be loaded.</p>}
        {header && (
          <dl className="mb-4 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 border-b border-stone-100 pb-3 text-xs text-stone-600">
            {header.map(([term, value]) => (
              <Fragment key={term}>
                <dt className="text-stone-400">{term}</dt>
                <dd className="break-all">{value}</dd>
              </Fragment>
            ))}
          </dl>
        )}
        {mail &&
          (mail.html ? (
            <div className="message-html text-sm leading-relaxed text-stone-800" dangerouslySetInnerHTML={{ __html: mail.html }} />
          ) : (
            <div className="text-sm leading-relaxed whitespace-pre-wrap text-stone-800">{mail.text}</div>
          ))}
        <div className="mt-4 flex justify-end">
          <a className={button.secondary} href={`/api/v1/messages/${messageId}/raw`} download>
            <Download className="size-3.5" aria-hidden /> Download .eml
          </a>
        </div>
      </FormDialog>
    </>
  );
}
