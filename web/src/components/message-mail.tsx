import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Check, CircleAlert, Clock, Download, Mail, RotateCw } from 'lucide-react';
import { Fragment, useState } from 'react';
import { api } from '../lib/api.ts';
import type { MailAddress, Message, MessageMail, OriginalMail } from '../lib/types.ts';
import { errorText, FormDialog } from './forms/index.ts';
import { button, fullTime, relativeTime } from './ui.tsx';

/** The API answers for at most this many messages at once; a longer thread asks about its newest. */
const MAX_ASKED = 500;

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

type Delivery = NonNullable<MessageMail['delivery']>;

const sentTo = (d: Delivery) => [`to ${d.to.join(', ')}`, ...(d.cc.length ? [`cc ${d.cc.join(', ')}`] : [])].join(', ');

/** A reply's mailing at a glance, beside its author. */
export function DeliveryBadge({ delivery }: { delivery: Delivery }) {
  const badge = 'inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-[11px] font-medium';
  switch (delivery.status) {
    case 'sent':
      return (
        <span className={`${badge} text-stone-500`} title={`Emailed ${sentTo(delivery)}${delivery.sentAt ? ` · ${fullTime(delivery.sentAt)}` : ''}`}>
          <Check className="size-3" aria-hidden /> Emailed
        </span>
      );
    case 'queued':
      return delivery.attempts === 0 ? (
        <span className={`${badge} text-stone-500`} title={`Being emailed ${sentTo(delivery)}`}>
          <Clock className="size-3" aria-hidden /> Sending…
        </span>
      ) : (
        <span className={`${badge} bg-amber-100 text-amber-800`}>
          <RotateCw className="size-3" aria-hidden /> Retrying
        </span>
      );
    default:
      return (
        <span className={`${badge} bg-red-100 text-red-800`}>
          <CircleAlert className="size-3" aria-hidden /> {delivery.status === 'bounced' ? 'Bounced' : 'Not delivered'}
        </span>
      );
  }
}

/** What went wrong mailing a reply, in the receiving server's words, under the reply; one that failed can be sent again. */
export function DeliveryProblem({ messageId, delivery, canResend }: { messageId: number; delivery: Delivery; canResend: boolean }) {
  const queryClient = useQueryClient();
  const resend = useMutation({
    mutationFn: () => api.post(`/email/messages/${messageId}/retry`, {}),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['messages'] }),
  });
  if (delivery.status === 'sent' || (delivery.status === 'queued' && delivery.attempts === 0)) return null;
  const retrying = delivery.status === 'queued';
  const what = retrying
    ? `Not emailed yet: ${delivery.attempts} ${delivery.attempts === 1 ? 'try' : 'tries'} so far, and Tend keeps trying.`
    : delivery.status === 'bounced'
      ? `The email to ${delivery.to.join(', ')} came back.`
      : `The email to ${delivery.to.join(', ')} could not be delivered. The customer has not seen this reply.`;
  return (
    <div className={`mt-3 rounded-md px-3 py-2 text-xs ring-1 ${retrying ? 'bg-amber-50 text-amber-900 ring-amber-200' : 'bg-red-50 text-red-900 ring-red-200'}`}>
      <p className="font-medium">{what}</p>
      {delivery.lastError && <p className="mt-1 font-mono break-words whitespace-pre-wrap opacity-80">{delivery.lastError}</p>}
      {canResend && !retrying && (
        <div className="mt-2 flex items-center gap-3">
          <button type="button" className={`${button.secondary} px-2 py-1 text-xs`} disabled={resend.isPending} onClick={() => resend.mutate()}>
            <RotateCw className="size-3" aria-hidden /> Send again
          </button>
          <span className="opacity-70" title={fullTime(delivery.updatedAt)}>
            {delivery.attempts} {delivery.attempts === 1 ? 'try' : 'tries'}, the last {relativeTime(delivery.updatedAt)}
          </span>
          {resend.isError && <span className="text-red-700">{errorText(resend.error)}</span>}
        </div>
      )}
    </div>
  );
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
