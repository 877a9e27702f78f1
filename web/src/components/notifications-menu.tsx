import { useQuery, useQueryClient } from '@tanstack/react-query';
import { AtSign, Bell, ClockAlert, MessageCircle, Siren, TimerOff, UserCheck } from 'lucide-react';
import { Popover } from 'radix-ui';
import { useState } from 'react';
import { useLocation } from 'wouter';
import { api } from '../lib/api.ts';
import type { Page } from '../lib/types.ts';
import { relativeTime } from './ui.tsx';

interface Notification {
  id: number;
  kind: 'assigned' | 'mentioned' | 'customer_replied' | 'sla_warning' | 'sla_breached' | 'escalated';
  ticketId: number | null;
  title: string;
  body: string;
  readAt: string | null;
  createdAt: string;
}

const ICON = { assigned: UserCheck, mentioned: AtSign, customer_replied: MessageCircle, sla_warning: ClockAlert, sla_breached: TimerOff, escalated: Siren };
/** SLA alerts keep their colour once read: a missed target stays visibly different from a mention. */
const ALERT_COLOR: Partial<Record<Notification['kind'], string>> = { sla_warning: 'text-amber-600', sla_breached: 'text-red-600', escalated: 'text-red-600' };

/** The bell: unread count, kept live by `notification.*` events, and the latest notifications. */
export function NotificationsMenu() {
  const [open, setOpen] = useState(false);
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const unread = useQuery({ queryKey: ['notifications', 'count'], queryFn: () => api.get<{ count: number }>('/notifications/unread-count') });
  const list = useQuery({ queryKey: ['notifications', 'list'], queryFn: () => api.get<Page<Notification>>('/notifications', { limit: 20 }), enabled: open });
  const count = unread.data?.count ?? 0;

  const markAll = async () => {
    await api.post('/notifications/read', { all: true });
    await queryClient.invalidateQueries({ queryKey: ['notifications'] });
  };

  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger className="relative flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-sm text-stone-700 outline-none hover:bg-stone-100 focus-visible:ring-2 focus-visible:ring-brand-600" aria-label={`Notifications, ${count} unread`}>
        <Bell className="size-4 text-stone-400" aria-hidden />
        Notifications
        {count > 0 && (
          <span data-testid="unread-count" className="ml-auto rounded-full bg-brand-700 px-1.5 py-px text-[11px] font-semibold text-white tabular-nums">
            {count}
          </span>
        )}
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content side="right" align="start" sideOffset={8} className="z-50 w-96 rounded-lg bg-white shadow-xl ring-1 ring-stone-200">
          <div className="flex items-center justify-between border-b border-stone-100 px-4 py-2.5">
            <h2 className="text-sm font-semibold">Notifications</h2>
            {count > 0 && (
              <button type="button" onClick={() => void markAll()} className="text-xs text-brand-700 hover:underline">
                Mark all read
              </button>
            )}
          </div>
          <ul className="max-h-96 divide-y divide-stone-100 overflow-y-auto">
            {(list.data?.data ?? []).map((n) => {
              const Icon = ICON[n.kind];
              return (
                <li key={n.id}>
                  <button
                    type="button"
                    className={`flex w-full gap-3 px-4 py-3 text-left hover:bg-stone-50 ${n.readAt ? '' : 'bg-brand-50/50'}`}
                    onClick={() => {
                      setOpen(false);
                      if (n.ticketId) navigate(`/tickets/${n.ticketId}`);
                    }}
                  >
                    <Icon data-kind={n.kind} className={`mt-0.5 size-4 shrink-0 ${ALERT_COLOR[n.kind] ?? (n.readAt ? 'text-stone-400' : 'text-brand-700')}`} aria-hidden />
                    <span className="min-w-0 flex-1">
                      <span className={`block text-sm ${n.readAt ? 'text-stone-700' : 'font-medium text-stone-900'}`}>{n.title}</span>
                      {n.body && <span className="mt-0.5 line-clamp-2 block text-xs text-stone-500">{n.body}</span>}
                      <span className="mt-1 block text-[11px] text-stone-400">{relativeTime(n.createdAt)}</span>
                    </span>
                  </button>
                </li>
              );
            })}
            {list.data?.data.length === 0 && <li className="px-4 py-8 text-center text-sm text-stone-500">You are all caught up.</li>}
          </ul>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
