import type { ReactNode } from 'react';
import type { Channel, Priority, Status } from '../lib/types.ts';

export const STATUS_LABEL: Record<Status, string> = {
  new: 'New',
  open: 'Open',
  pending: 'Pending',
  on_hold: 'On hold',
  solved: 'Solved',
  closed: 'Closed',
};

const STATUS_STYLE: Record<Status, string> = {
  new: 'bg-amber-100 text-amber-800 ring-amber-200',
  open: 'bg-rose-50 text-rose-700 ring-rose-200',
  pending: 'bg-sky-50 text-sky-700 ring-sky-200',
  on_hold: 'bg-stone-100 text-stone-700 ring-stone-200',
  solved: 'bg-emerald-50 text-emerald-700 ring-emerald-200',
  closed: 'bg-stone-100 text-stone-500 ring-stone-200',
};

export function StatusBadge({ status }: { status: Status }) {
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS_STYLE[status]}`}>{STATUS_LABEL[status]}</span>;
}

export const CHANNEL_LABEL: Record<Channel, string> = {
  email: 'Email',
  chat: 'Chat',
  sms: 'SMS',
  whatsapp: 'WhatsApp',
  messenger: 'Messenger',
  phone: 'Phone',
  walk_in: 'Walk-in',
  portal: 'Portal',
  web: 'Web form',
  api: 'API',
};

/** A channel's name as people write it, for a channel id from the API (unknown ones shown as they come). */
export const channelName = (channel: string) => CHANNEL_LABEL[channel as Channel] ?? channel.replace('_', ' ');

/** A ticket on one of these is a conversation whose replies go out as texts. */
export const isTexted = (channel: string) => channel === 'sms' || channel === 'whatsapp' || channel === 'messenger';

/** A customer's number or id on a messaging channel as people write it: WhatsApp Cloud gives numbers without their plus; a Messenger id is digits too, but no number. */
export const textedContact = (channel: string, value: string) => (channel === 'whatsapp' && /^\d+$/.test(value) ? `+${value}` : value);

export const PRIORITY_LABEL: Record<Priority, string> = { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' };
const PRIORITY_DOT: Record<Priority, string> = { low: 'bg-stone-300', normal: 'bg-sky-400', high: 'bg-orange-400', urgent: 'bg-red-500' };

export function PriorityLabel({ priority }: { priority: Priority }) {
  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-stone-600">
      <span aria-hidden className={`size-2 rounded-full ${PRIORITY_DOT[priority]}`} />
      {PRIORITY_LABEL[priority]}
    </span>
  );
}

const AVATAR_COLORS = ['bg-teal-600', 'bg-indigo-500', 'bg-rose-500', 'bg-amber-600', 'bg-sky-600', 'bg-violet-500', 'bg-emerald-600'];

export function Avatar({ name, size = 'md' }: { name: string; size?: 'sm' | 'md' }) {
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase())
    .join('');
  const color = AVATAR_COLORS[[...name].reduce((h, c) => h + c.charCodeAt(0), 0) % AVATAR_COLORS.length];
  const dims = size === 'sm' ? 'size-6 text-[10px]' : 'size-8 text-xs';
  return (
    <span aria-hidden className={`inline-flex shrink-0 items-center justify-center rounded-full font-semibold text-white ${dims} ${color}`}>
      {initials || '?'}
    </span>
  );
}

export function Kbd({ children }: { children: ReactNode }) {
  return <kbd className="rounded border border-stone-300 bg-white px-1.5 py-0.5 font-mono text-[11px] text-stone-600 shadow-[0_1px_0_rgba(0,0,0,0.08)]">{children}</kbd>;
}

const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export function relativeTime(iso: string): string {
  // A clock a little ahead of this browser's must not read as "in 3 minutes".
  const seconds = Math.min(0, (new Date(iso).getTime() - Date.now()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return 'just now';
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(seconds / 3600), 'hour');
  if (abs < 86400 * 30) return rtf.format(Math.round(seconds / 86400), 'day');
  return new Date(iso).toLocaleDateString(undefined, { month: 'short', day: 'numeric', year: 'numeric' });
}

export const fullTime = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export const button = {
  primary: 'inline-flex items-center justify-center gap-1.5 rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-brand-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 disabled:opacity-50',
  secondary: 'inline-flex items-center justify-center gap-1.5 rounded-md bg-white px-3 py-1.5 text-sm font-medium text-stone-700 shadow-sm ring-1 ring-inset ring-stone-300 hover:bg-stone-50 focus-visible:outline-2 focus-visible:outline-brand-600 disabled:opacity-50',
  ghost: 'inline-flex items-center justify-center gap-1.5 rounded-md px-2 py-1 text-sm text-stone-600 hover:bg-stone-100 hover:text-stone-900 focus-visible:outline-2 focus-visible:outline-brand-600',
};

/** A popover's panel: a small form or list floating beside what opened it. */
export const popover = 'z-50 rounded-lg bg-white p-3 shadow-xl ring-1 ring-stone-200';

export const input =
  'block w-full rounded-md border-0 bg-white px-2.5 py-1.5 text-sm text-stone-900 shadow-sm ring-1 ring-inset ring-stone-300 placeholder:text-stone-400 focus:ring-2 focus:ring-inset focus:ring-brand-600 focus:outline-none';
