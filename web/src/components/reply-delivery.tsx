import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Check, CheckCheck, CircleAlert, Clock, Eye, RotateCw } from 'lucide-react';
import { api } from '../lib/api.ts';
import type { Message, MessageMail, MessagingDelivery } from '../lib/types.ts';
import { errorText } from './forms/index.ts';
import { MAX_ASKED } from './message-mail.tsx';
import { button, channelName, fullTime, isTexted, relativeTime, textedContact } from './ui.tsx';

/** How an agent's reply is getting to the customer, whichever channel carries it. */
export interface ReplyDelivery {
  status: 'sending' | 'retrying' | 'sent' | 'delivered' | 'read' | 'failed' | 'bounced';
  /** What the reply went out as, in a sentence: "email", "WhatsApp message". */
  noun: string;
  /** Past tense of sending it: "Emailed", "Sent". */
  sentWord: string;
  /** Who it goes to: "to nora@…, cc ed@…" or "to +46 70…". */
  recipients: string;
  attempts: number;
  lastError: string | null;
  /** When it last changed: sent, failed, or tried. */
  at: string;
  /** Where to ask for it to be sent again. */
  retryPath: string;
}

export function mailDelivery(messageId: number, d: NonNullable<MessageMail['delivery']>): ReplyDelivery {
  return {
    status: d.status === 'queued' ? (d.attempts === 0 ? 'sending' : 'retrying') : d.status,
    noun: 'email',
    sentWord: 'Emailed',
    recipients: [`to ${d.to.join(', ')}`, ...(d.cc.length ? [`cc ${d.cc.join(', ')}`] : [])].join(', '),
    attempts: d.attempts,
    lastError: d.lastError,
    at: d.sentAt ?? d.updatedAt,
    retryPath: `/email/messages/${messageId}/retry`,
  };
}

export function messagingDelivery(channel: string, d: MessagingDelivery): ReplyDelivery {
  const name = channelName(channel);
  return {
    status: d.status === 'queued' ? (d.attempts === 0 ? 'sending' : 'retrying') : d.status,
    noun: channel === 'sms' ? 'SMS' : `${name} message`,
    sentWord: `Sent by ${name}`,
    recipients: `to ${textedContact(channel, d.recipient)}`,
    attempts: d.attempts,
    lastError: d.lastError,
    at: d.updatedAt,
    retryPath: `/messaging/messages/${d.messageId}/retry`,
  };
}

/**
 * How each of a thread's agent replies is getting to the customer: by email (from the thread's
 * mails) or, on a ticket that came by SMS, WhatsApp or Messenger, by that (asked here). Kept live by
 * message events.
 */
export function useReplyDeliveries(ticket: { id: number; channel: string } | undefined, messages: Message[] | undefined, mails: Map<number, MessageMail>): Map<number, ReplyDelivery> {
  const texting = !!ticket && isTexted(ticket.channel);
  const ids = texting ? (messages ?? []).filter((m) => m.author.type === 'agent' && !m.internal).map((m) => m.id).slice(-MAX_ASKED) : [];
  const sent = useQuery({
    queryKey: ['messages', ticket?.id, 'messaging', ids],
    queryFn: () => api.get<{ data: MessagingDelivery[] }>('/messaging/messages', { id: ids }),
    enabled: ids.length > 0,
    placeholderData: (previous) => previous,
  });
  const deliveries = new Map<number, ReplyDelivery>();
  for (const [id, mail] of mails) if (mail.delivery) deliveries.set(id, mailDelivery(id, mail.delivery));
  for (const d of sent.data?.data ?? []) deliveries.set(d.messageId, messagingDelivery(ticket?.channel ?? 'sms', d));
  return deliveries;
}

const badge = 'inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-[11px] font-medium';

/** A reply's sending at a glance, beside its author. */
export function DeliveryBadge({ delivery: d }: { delivery: ReplyDelivery }) {
  const since = ` · ${fullTime(d.at)}`;
  switch (d.status) {
    case 'sending':
      return (
        <span className={`${badge} text-stone-500`} title={`Being sent ${d.recipients}`}>
          <Clock className="size-3" aria-hidden /> Sending…
        </span>
      );
    case 'retrying':
      return (
        <span className={`${badge} bg-amber-100 text-amber-800`}>
          <RotateCw className="size-3" aria-hidden /> Retrying
        </span>
      );
    case 'sent':
      return (
        <span className={`${badge} text-stone-500`} title={`${d.sentWord} ${d.recipients}${since}`}>
          <Check className="size-3" aria-hidden /> {d.noun === 'email' ? 'Emailed' : 'Sent'}
        </span>
      );
    case 'delivered':
      return (
        <span className={`${badge} text-stone-500`} title={`${d.sentWord} ${d.recipients}, and delivered${since}`}>
          <CheckCheck className="size-3" aria-hidden /> Delivered
        </span>
      );
    case 'read':
      return (
        <span className={`${badge} text-sky-700`} title={`${d.sentWord} ${d.recipients}, and read${since}`}>
          <Eye className="size-3" aria-hidden /> Read
        </span>
      );
    default:
      return (
        <span className={`${badge} bg-red-100 text-red-800`}>
          <CircleAlert className="size-3" aria-hidden /> {d.status === 'bounced' ? 'Bounced' : 'Not delivered'}
        </span>
      );
  }
}

/** What went wrong sending a reply, in the receiving side's words, under the reply; one that failed can be sent again. */
export function DeliveryProblem({ delivery: d, canResend }: { delivery: ReplyDelivery; canResend: boolean }) {
  const queryClient = useQueryClient();
  const resend = useMutation({
    mutationFn: () => api.post(d.retryPath, {}),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['messages'] }),
  });
  if (d.status !== 'retrying' && d.status !== 'failed' && d.status !== 'bounced') return null;
  const retrying = d.status === 'retrying';
  const tries = `${d.attempts} ${d.attempts === 1 ? 'try' : 'tries'}`;
  const what = retrying
    ? `Not sent yet: ${tries} so far, and Tend keeps trying.`
    : d.status === 'bounced'
      ? `The ${d.noun} ${d.recipients} came back.`
      : `The ${d.noun} ${d.recipients} could not be delivered. The customer has not seen this reply.`;
  return (
    <div className={`mt-3 rounded-md px-3 py-2 text-xs ring-1 ${retrying ? 'bg-amber-50 text-amber-900 ring-amber-200' : 'bg-red-50 text-red-900 ring-red-200'}`}>
      <p className="font-medium">{what}</p>
      {d.lastError && <p className="mt-1 font-mono break-words whitespace-pre-wrap opacity-80">{d.lastError}</p>}
      {canResend && !retrying && (
        <div className="mt-2 flex items-center gap-3">
          <button type="button" className={`${button.secondary} px-2 py-1 text-xs`} disabled={resend.isPending} onClick={() => resend.mutate()}>
            <RotateCw className="size-3" aria-hidden /> Send again
          </button>
          <span className="opacity-70" title={fullTime(d.at)}>
            {tries}, the last {relativeTime(d.at)}
          </span>
          {resend.isError && <span className="text-red-700">{errorText(resend.error)}</span>}
        </div>
      )}
    </div>
  );
}
