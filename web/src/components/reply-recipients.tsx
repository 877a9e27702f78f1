import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Mail, MessageCircle, TriangleAlert } from 'lucide-react';
import { Popover } from 'radix-ui';
import { useState } from 'react';
import { api } from '../lib/api.ts';
import type { MessagingReplyRoute, ReplyRoute } from '../lib/types.ts';
import { errorText } from './forms/index.ts';
import { button, channelName, fullTime, input, isTexted, popover, textedContact } from './ui.tsx';

const routeKey = (ticketId: number) => ['ticket', ticketId, 'reply-route'];

/** Where a public reply on the ticket is mailed; null for a ticket not answered by email. Kept live by ticket events. */
export function useReplyRoute(ticketId: number, enabled: boolean): ReplyRoute | null {
  const route = useQuery({ queryKey: routeKey(ticketId), queryFn: () => api.get<ReplyRoute>(`/email/tickets/${ticketId}/reply-route`), enabled });
  return route.data?.mailed ? route.data : null;
}

/** Where a public reply on an SMS, WhatsApp or Messenger ticket goes out; null for any other ticket. Kept live by ticket events. */
export function useMessagingRoute(ticket: { id: number; channel: string } | undefined, enabled: boolean): MessagingReplyRoute | null {
  const texting = enabled && !!ticket && isTexted(ticket.channel);
  const route = useQuery({
    queryKey: ['ticket', ticket?.id, 'messaging-route'],
    queryFn: () => api.get<MessagingReplyRoute>(`/messaging/tickets/${ticket?.id}/reply-route`),
    enabled: texting,
  });
  return texting && route.data?.texted ? route.data : null;
}

/** Whom a reply by SMS, WhatsApp or Messenger goes to, and until when WhatsApp takes a free-form one. */
export function MessagingRecipient({ route }: { route: MessagingReplyRoute }) {
  const by = channelName(route.channel ?? '');
  const to = textedContact(route.channel ?? '', route.to ?? '');
  const until = route.windowEndsAt && !route.problem ? `; WhatsApp takes a free-form reply until ${fullTime(route.windowEndsAt)}` : '';
  return (
    <span className="min-w-0 truncate px-1 text-xs text-stone-500" title={`Sent by ${by} from ${route.from} to ${to}${until}`}>
      <MessageCircle className="mr-1 inline size-3.5 align-[-3px]" aria-hidden />
      To {to}
    </span>
  );
}

/** Whom the reply is emailed to, and who is copied, which the agent can change. */
export function ReplyRecipients({ ticketId, route }: { ticketId: number; route: ReplyRoute }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const save = useMutation({
    mutationFn: (cc: string[]) => api.put<ReplyRoute>(`/email/tickets/${ticketId}/cc`, { cc }),
    onSuccess: (next) => {
      queryClient.setQueryData(routeKey(ticketId), next);
      setOpen(false);
    },
  });
  // Space is short beside the editor's tools: the copied are counted there, and named in the title.
  const summary = `To ${route.to}${route.cc.length ? ` + ${route.cc.length} cc` : ''}`;
  const everyone = `To ${route.to}${route.cc.length ? `, cc ${route.cc.join(', ')}` : ''}`;
  return (
    <Popover.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setText(route.cc.join(', '));
        save.reset();
      }}
    >
      <Popover.Trigger className="min-w-0 truncate rounded px-1 text-xs text-stone-500 hover:bg-stone-100 hover:text-stone-800" title={`${everyone} — change who is copied`}>
        <Mail className="mr-1 inline size-3.5 align-[-3px]" aria-hidden />
        {summary}
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content align="end" sideOffset={6} className={`${popover} w-80`}>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate(text.split(/[\s,;]+/).filter(Boolean));
            }}
          >
            <p className="text-xs text-stone-600">
              Emailed to <span className="font-medium text-stone-900">{route.to}</span>
              {route.from && <> from {route.from}</>}
            </p>
            <label className="mt-3 block text-xs font-medium text-stone-600" htmlFor={`cc-${ticketId}`}>
              Copied on replies (Cc)
            </label>
            <input id={`cc-${ticketId}`} autoFocus value={text} onChange={(e) => setText(e.target.value)} placeholder="name@example.com, …" className={`${input} mt-1`} />
            {save.isError && <p className="mt-2 text-xs text-red-700">{errorText(save.error)}</p>}
            <div className="mt-3 flex justify-end gap-2">
              <Popover.Close className={button.secondary}>Cancel</Popover.Close>
              <button type="submit" className={button.primary} disabled={save.isPending}>
                Save
              </button>
            </div>
          </form>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

/** Said above the editor when the reply would not reach the customer, before they send it: `how` it would have gone ("emailed"). */
export function ReplyRouteProblem({ problem, how }: { problem: string; how: string }) {
  return (
    <div className="flex items-center gap-2 border-b border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      <TriangleAlert className="size-4 shrink-0" aria-hidden /> This reply will not be {how}: {problem}.
    </div>
  );
}
