import { useQuery } from '@tanstack/react-query';
import type { Option } from '../../components/select.tsx';
import { CHANNEL_LABEL, PRIORITY_LABEL } from '../../components/ui.tsx';
import { api } from '../../lib/api.ts';
import { type AgentDetail, type BusinessCalendar, type CallbackQueue, CHANNELS, type Page, PRIORITIES, type Role, type Team } from '../../lib/types.ts';

/** Selects use this for "no team", "no calendar"…: Radix Select has no empty value. */
export const NONE = 'none';
export const idOrNull = (value: string): number | null => (value === NONE ? null : Number(value));
export const optionOf = (id: number | null | undefined) => (id ? String(id) : NONE);

export const useTeams = () => useQuery({ queryKey: ['teams'], queryFn: () => api.get<Page<Team>>('/teams') });
export const useAgents = () => useQuery({ queryKey: ['agents', 'all'], queryFn: () => api.get<Page<AgentDetail>>('/agents', { limit: 100 }) });
export const useRoles = () => useQuery({ queryKey: ['settings', 'roles'], queryFn: () => api.get<{ data: Role[] }>('/roles') });
export const useCalendars = () => useQuery({ queryKey: ['settings', 'business-hours'], queryFn: () => api.get<Page<BusinessCalendar>>('/business-hours') });

export function useTeamOptions(noneLabel = 'No team'): { options: Option[]; nameOf: (id: number | null) => string } {
  const teams = useTeams().data?.data ?? [];
  return {
    options: [{ value: NONE, label: noneLabel }, ...teams.map((t) => ({ value: String(t.id), label: t.name }))],
    nameOf: (id) => (id ? (teams.find((t) => t.id === id)?.name ?? `Team #${id}`) : '—'),
  };
}

export function useCalendarOptions(noneLabel: string): Option[] {
  const calendars = useCalendars().data?.data ?? [];
  return [{ value: NONE, label: noneLabel }, ...calendars.map((c) => ({ value: String(c.id), label: `${c.name} (${c.timeZone})` }))];
}

export const CALLBACK_QUEUES_KEY = ['settings', 'callback-queues'];
export const useCallbackQueues = () => useQuery({ queryKey: CALLBACK_QUEUES_KEY, queryFn: () => api.get<{ data: CallbackQueue[] }>('/phone/callback-queues') });

export function useCallbackQueueOptions(): Option[] {
  const queues = useCallbackQueues().data?.data ?? [];
  return [{ value: NONE, label: 'No callbacks' }, ...queues.map((q) => ({ value: String(q.id), label: q.name }))];
}

export function useAgentOptions(): { value: string; label: string }[] {
  return (useAgents().data?.data ?? []).filter((a) => a.status !== 'deactivated').map((a) => ({ value: String(a.id), label: a.name }));
}

export const CHANNEL_OPTIONS = CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABEL[c] }));
export const PRIORITY_OPTIONS = PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABEL[p] }));

/** "90" → "1 h 30 min": targets read better in hours and days. */
export function minutesText(minutes: number | null | undefined): string {
  if (!minutes) return '—';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return [days && `${days} d`, hours && `${hours} h`, rest && `${rest} min`].filter(Boolean).join(' ');
}

/** Providers post to Tend at its public address, which is where this app is served from. */
export const webhookUrl = (path: string) => `${window.location.origin}${path}`;
