import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ArrowLeft } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { CustomerPanel } from '../components/customer-panel.tsx';
import { ReplyBox, type ReplyBoxHandle } from '../components/reply-box.tsx';
import { ShortcutsDialog } from '../components/shortcuts-dialog.tsx';
import { useMessageMails } from '../components/message-mail.tsx';
import { useReplyDeliveries } from '../components/reply-delivery.tsx';
import { LinkedTickets } from '../components/linked-tickets.tsx';
import { TicketHistory } from '../components/ticket-history.tsx';
import { MessageItem } from '../components/thread.tsx';
import { TicketProperties } from '../components/ticket-properties.tsx';
import { Avatar, button, channelName, fullTime, PriorityLabel, StatusBadge } from '../components/ui.tsx';
import { api } from '../lib/api.ts';
import { type Presence, useTicketPresence } from '../lib/realtime.ts';
import type { Me, Message, Page, Ticket } from '../lib/types.ts';
import { useHotkeys } from '../lib/use-hotkeys.ts';

async function allMessages(ticketId: number): Promise<Message[]> {
  const messages: Message[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.get<Page<Message>>(`/tickets/${ticketId}/messages`, { limit: 100, cursor });
    messages.push(...page.data);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return messages;
}

function PresenceBar({ others }: { others: Presence[] }) {
  if (others.length === 0) return null;
  const byUser = new Map<number, Presence>();
  for (const p of others) if (byUser.get(p.user.id)?.state !== 'typing') byUser.set(p.user.id, p);
  const typing = [...byUser.values()].filter((p) => p.state === 'typing');
  return (
    <div className="flex items-center gap-2" data-testid="presence">
      <div className="flex -space-x-1.5">
        {[...byUser.values()].map((p) => (
          <span key={p.user.id} title={`${p.user.name} is ${p.state === 'typing' ? 'typing' : 'viewing'}`} className="rounded-full ring-2 ring-white">
            <Avatar name={p.user.name} size="sm" />
          </span>
        ))}
      </div>
      <span className="text-xs text-stone-500" aria-live="polite">
        {typing.length > 0
          ? `${typing.map((p) => p.user.name).join(', ')} ${typing.length > 1 ? 'are' : 'is'} typing ${typing.every((p) => p.internal) ? 'a note' : 'a reply'}…`
          : `${[...byUser.values()].map((p) => p.user.name).join(', ')} also viewing`}
      </span>
    </div>
  );
}

export function TicketPage({ ticketId, me }: { ticketId: number; me: Me }) {
  const queryClient = useQueryClient();
  const ticket = useQuery({ queryKey: ['ticket', ticketId], queryFn: () => api.get<Ticket>(`/tickets/${ticketId}`) });
  const messages = useQuery({ queryKey: ['messages', ticketId], queryFn: () => allMessages(ticketId) });
  const mails = useMessageMails(ticketId, messages.data);
  const deliveries = useReplyDeliveries(ticket.data, messages.data, mails);
  const others = useTicketPresence(ticketId);
  const replyBox = useRef<ReplyBoxHandle>(null);
  const threadEnd = useRef<HTMLDivElement>(null);
  const [help, setHelp] = useState(false);
  const canUpdate = me.permissions.includes('tickets.update');
  const canWriteArticles = me.permissions.includes('knowledge.write');
  const canReply = me.permissions.includes('tickets.reply');
  const messageCount = messages.data?.length ?? 0;

  useEffect(() => {
    threadEnd.current?.scrollIntoView({ block: 'end' });
  }, [messageCount]);

  // Opening the ticket is reading what it notified you about.
  useEffect(() => {
    api.post<{ count: number }>('/notifications/read', { ticketId }).then(
      ({ count }) => count > 0 && void queryClient.invalidateQueries({ queryKey: ['notifications'] }),
      () => {},
    );
  }, [ticketId, queryClient, messageCount]);

  useHotkeys({
    r: () => replyBox.current?.focus('reply'),
    n: () => replyBox.current?.focus('note'),
    e: () => {
      if (!canUpdate) return;
      void api.patch<Ticket>(`/tickets/${ticketId}`, { status: 'solved' }).then((t) => queryClient.setQueryData(['ticket', ticketId], t));
    },
    Escape: () => history.back(),
    '?': () => setHelp(true),
  });

  if (ticket.isError) {
    return (
      <div className="p-16 text-center">
        <p className="font-medium">This ticket could not be opened.</p>
        <p className="mt-1 text-sm text-stone-500">{ticket.error.message}</p>
      </div>
    );
  }
  const t = ticket.data;
  return (
    <div className="flex min-h-0 flex-1">
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex min-h-14 shrink-0 items-center gap-3 border-b border-stone-200 bg-white px-5 py-2">
          <button type="button" onClick={() => history.back()} className={button.ghost} aria-label="Back to the list">
            <ArrowLeft className="size-4" />
          </button>
          <div className="min-w-0 flex-1">
            <h1 className="truncate text-base font-semibold">{t?.subject ?? 'Loading…'}</h1>
            {t && (
              <p className="flex items-center gap-2 text-xs text-stone-500">
                <span>#{t.id}</span>
                <span aria-hidden>·</span>
                <span title={fullTime(t.createdAt)}>opened {new Date(t.createdAt).toLocaleDateString(undefined, { month: 'short', day: 'numeric' })}</span>
                <span aria-hidden>·</span>
                <span>{channelName(t.channel)}</span>
              </p>
            )}
          </div>
          <PresenceBar others={others} />
          {t && (
            <div className="flex items-center gap-3">
              <PriorityLabel priority={t.priority} />
              <StatusBadge status={t.status} />
              <TicketHistory ticketId={t.id} />
            </div>
          )}
        </header>
        <div className="min-h-0 flex-1 overflow-y-auto bg-stone-50">
          <div className="mx-auto max-w-3xl space-y-3 px-5 py-5">
            {t && (
              // Narrow screens (a tablet upright) have no side column: the same panels fold in here.
              <details className="rounded-lg bg-white p-4 ring-1 ring-stone-200 lg:hidden">
                <summary className="cursor-pointer text-sm font-medium text-stone-700">Ticket details and customer</summary>
                <div className="mt-4 space-y-6">
                  <TicketProperties ticket={t} editable={canUpdate} />
                  <LinkedTickets ticketId={t.id} editable={canUpdate} />
                  <CustomerPanel customerId={t.requester.id} currentTicketId={t.id} />
                </div>
              </details>
            )}
            {messages.data?.map((m) => <MessageItem key={m.id} message={m} mail={mails.get(m.id)} delivery={deliveries.get(m.id)} canWriteArticles={canWriteArticles} canReply={canReply} canSplit={canUpdate && messageCount > 1} />)}
            {messages.isPending && <p className="text-center text-sm text-stone-400">Loading conversation…</p>}
            <div ref={threadEnd} />
          </div>
        </div>
        <div className="shrink-0 border-t border-stone-200 bg-stone-50 px-5 pt-3 pb-4">
          <div className="mx-auto max-w-3xl">
            <ReplyBox
              ref={replyBox}
              ticket={t}
              ticketId={ticketId}
              meId={me.id}
              meName={me.name}
              canReply={canReply}
              messages={messages.data ?? []}
              onSent={() => {
                void queryClient.invalidateQueries({ queryKey: ['messages', ticketId] });
                void queryClient.invalidateQueries({ queryKey: ['ticket', ticketId] });
              }}
            />
          </div>
        </div>
      </div>
      <aside className="hidden w-80 shrink-0 space-y-6 overflow-y-auto border-l border-stone-200 bg-white p-5 lg:block">
        {t && (
          <>
            <TicketProperties ticket={t} editable={canUpdate} />
            <LinkedTickets ticketId={t.id} editable={canUpdate} />
            <hr className="border-stone-100" />
            <CustomerPanel customerId={t.requester.id} currentTicketId={t.id} />
          </>
        )}
      </aside>
      <ShortcutsDialog open={help} onOpenChange={setHelp} />
    </div>
  );
}
